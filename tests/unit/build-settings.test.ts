// What a build may carry: a production build needs the national library's key and refuses the
// development key (its private half is in this repository); development and test builds may go
// without. The build's sequence floor is a whole number.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSettings } from '../../utils/shared/build-settings';

const DEV_KEY = readFileSync(new URL('../../library/dev-keys/dev-ed25519-public.txt', import.meta.url), 'utf8').trim();
const NATIONAL = 'S1YnEbXQyXlnkDMwl1MhK6i4ERiaLxZ7ktKmmcbeSrE=';

describe('build settings', () => {
  it('refuses a production build without a key, or with the development key', () => {
    expect(buildSettings('production', {}, DEV_KEY).problem).toMatch(/HK_LIBRARY_PUBLIC_KEY/);
    expect(buildSettings('production', { HK_LIBRARY_PUBLIC_KEY: DEV_KEY }, DEV_KEY).problem).toMatch(/development key/);
    // Any mode that is not development or test is built as production.
    expect(buildSettings('staging', {}, DEV_KEY).problem).toMatch(/HK_LIBRARY_PUBLIC_KEY/);
    expect(buildSettings('production', { HK_LIBRARY_PUBLIC_KEY: NATIONAL }, DEV_KEY)).toEqual({ publicKey: NATIONAL, minSequence: undefined, defaultLibraryUrl: 'http://127.0.0.1:8787' });
  });

  it('lets development and test builds go without a key, or with the development key', () => {
    expect(buildSettings('development', {}, DEV_KEY).problem).toBeUndefined();
    expect(buildSettings('test', { HK_LIBRARY_PUBLIC_KEY: DEV_KEY }, DEV_KEY).problem).toBeUndefined();
  });

  it('refuses a key that is not a raw Ed25519 key, and a floor that is not a whole number, in any mode', () => {
    expect(buildSettings('development', { HK_LIBRARY_PUBLIC_KEY: 'kunci' }, DEV_KEY).problem).toMatch(/Ed25519/);
    expect(buildSettings('development', { HK_MIN_SEQUENCE: '1.5' }, DEV_KEY).problem).toMatch(/HK_MIN_SEQUENCE/);
    expect(buildSettings('production', { HK_LIBRARY_PUBLIC_KEY: NATIONAL, HK_MIN_SEQUENCE: '120' }, DEV_KEY)).toEqual({ publicKey: NATIONAL, minSequence: 120, defaultLibraryUrl: 'http://127.0.0.1:8787' });
  });
});
