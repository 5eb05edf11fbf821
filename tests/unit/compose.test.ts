import { describe, expect, it } from 'vitest';
import { composeCaption } from '../../utils/shared/compose';
import { sampleItem } from '../support/sample-items';

const slots = { agency: 'Diskominfo Kota Bandung', region: 'Kota Bandung' };

describe('composeCaption', () => {
  it('uses the platform variant, fills slots, adds hashtags and the link after a blank line', () => {
    const item = sampleItem('a', {
      captions: { default: 'Umum {daerah}', x: 'Untuk X dari {instansi} di {daerah}' },
      hashtags: ['CekKesehatanGratis', 'IndonesiaSehat'],
      link: 'https://kemkes.go.id/ckg',
    });
    expect(composeCaption(item, 'x', slots)).toBe(
      'Untuk X dari Diskominfo Kota Bandung di Kota Bandung\n\n#CekKesehatanGratis #IndonesiaSehat\nhttps://kemkes.go.id/ckg',
    );
    expect(composeCaption(item, 'facebook', slots)).toBe('Umum Kota Bandung\n\n#CekKesehatanGratis #IndonesiaSehat\nhttps://kemkes.go.id/ckg');
  });

  it('leaves the link out on Instagram', () => {
    const item = sampleItem('a', { captions: { default: 'Teks' }, hashtags: ['A'], link: 'https://x.go.id' });
    expect(composeCaption(item, 'instagram', slots)).toBe('Teks\n\n#A');
  });

  it('skips hashtags already in the caption, case-insensitively, but not longer tags that merely start the same', () => {
    const item = sampleItem('a', { captions: { default: 'Ayo #lawanhoaks dan #CekFaktaNasional' }, hashtags: ['LawanHoaks', 'CekFakta'], link: undefined });
    expect(composeCaption(item, 'x', slots)).toBe('Ayo #lawanhoaks dan #CekFaktaNasional\n\n#CekFakta');
  });

  it('adds no blank line when nothing follows', () => {
    const item = sampleItem('a', { captions: { default: 'Hanya #Tag' }, hashtags: ['tag'], link: undefined });
    expect(composeCaption(item, 'instagram', slots)).toBe('Hanya #Tag');
  });

  it('puts the link alone after the blank line when every hashtag is already present', () => {
    const item = sampleItem('a', { captions: { default: 'Teks #A' }, hashtags: ['A'], link: 'https://a.go.id' });
    expect(composeCaption(item, 'facebook', slots)).toBe('Teks #A\n\nhttps://a.go.id');
  });

  it('keeps hostile text literal', () => {
    const hostile = '<img src=x onerror=alert(1)> \u202Egnp.exe {instansi}';
    const item = sampleItem('a', { captions: { default: hostile }, hashtags: [], link: undefined });
    expect(composeCaption(item, 'x', { agency: '<b>', region: '' })).toBe('<img src=x onerror=alert(1)> \u202Egnp.exe <b>');
  });
});
