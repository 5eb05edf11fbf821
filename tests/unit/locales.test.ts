// Every string the officer sees exists in Bahasa Indonesia and in English, with the same blanks.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeSyncState } from '@/utils/background/sync-status';
import { validateSettingsForm } from '@/utils/pages/settings-form';
import { chromeMessages, setTestLocale } from '../support/i18n-setup';

const id = chromeMessages('id');
const en = chromeMessages('en');
const placeholders = (message: string) => [...message.matchAll(/\$([1-9])/g)].map((m) => m[1]).sort().join(',');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('locale files', () => {
  afterEach(() => setTestLocale('id'));

  it('have the same keys in Indonesian and English', () => {
    const idKeys = Object.keys(id).sort();
    expect(Object.keys(en).sort()).toEqual(idKeys);
    expect(idKeys.length).toBeGreaterThan(100);
  });

  it('have no empty message and the same $n blanks in both languages', () => {
    for (const [key, { message }] of Object.entries(id)) {
      expect(message.trim(), key).not.toBe('');
      expect(en[key]!.message.trim(), key).not.toBe('');
      expect(placeholders(en[key]!.message), key).toBe(placeholders(message));
    }
  });

  it('hold every key the code asks for', () => {
    const used = new Set<string>();
    for (const file of ['components', 'entrypoints', 'utils'].flatMap(sourceFiles)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/i18n\.t\(\s*'([\w.]+)'/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(50);
    for (const key of used) {
      const name = key.replaceAll('.', '_');
      expect(id[name], `${key} in id.yml`).toBeDefined();
      expect(en[name], `${key} in en.yml`).toBeDefined();
    }
  });

  it('name the manifest in both languages', () => {
    expect(id.app_description!.message).toMatch(/Konten resmi/);
    expect(en.app_description!.message).toMatch(/Official/);
  });
});

describe('text in the officer language', () => {
  afterEach(() => setTestLocale('id'));
  const state = { skippedInvalid: 2, mediaProblems: 0, lastSuccessAt: '2026-11-24T03:00:00Z', lastError: { code: 'signature' as const, detail: '', at: '' } };

  it('shows the sync status with Indonesian numbers and dates by default', () => {
    const text = describeSyncState(state, 10000);
    expect(text).toContain('Tanda tangan tidak valid');
    expect(text).toContain('10.000 konten');
    expect(text).toContain('2 konten tidak valid dilewati');
    expect(text).toMatch(/24 Nov 2026/);
  });

  it('shows it in English when the browser is in English', () => {
    setTestLocale('en');
    const text = describeSyncState(state, 10000);
    expect(text).toContain('Invalid signature');
    expect(text).toContain('10,000 items');
    expect(text).toContain('2 invalid items skipped');
  });

  it('explains settings errors in the officer language', () => {
    const form = { libraryUrl: 'ftp://x', publicKey: '', reportUrl: '', officerName: '', agency: '', region: '' };
    const idResult = validateSettingsForm(form);
    setTestLocale('en');
    const enResult = validateSettingsForm(form);
    expect(!idResult.ok && idResult.errors.libraryUrl).toMatch(/harus memakai https/);
    expect(!enResult.ok && enResult.errors.libraryUrl).toMatch(/must use https/);
  });
});
