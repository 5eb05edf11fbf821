// How a person reaches each fixture's composer, and the site's own controls.
import type { Locator, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { composeCaption } from '../../utils/shared/compose';
import type { ContentItem, Platform } from '../../utils/shared/schema';
import { fileNameFor } from '../../utils/shared/library-terms';
import { servedSampleImage } from '../support/sample-media';
import { OFFICER } from './harness';

export interface SitePage {
  platform: Platform;
  url: string;
  openComposer(page: Page): Promise<void>;
  editor(page: Page): Locator;
  postButton(page: Page): Locator;
  closeComposer(page: Page): Promise<void>;
  /** Steps the officer takes between Sisipkan and the caption (Instagram: Next on Crop and Edit). */
  toCaptionStep?(page: Page): Promise<void>;
  /** What the sidebar says once text and image are in. */
  insertedNotice: string;
}

export const SITE_PAGES: SitePage[] = [
  {
    platform: 'x',
    url: 'https://x.com/compose/post',
    openComposer: async () => {},
    editor: (page) => page.getByTestId('tweetTextarea_0'),
    postButton: (page) => page.getByTestId('tweetButton'),
    closeComposer: (page) => page.getByRole('dialog').getByRole('button', { name: 'Close' }).click(),
    insertedNotice: 'Teks dan gambar resmi sudah disisipkan.',
  },
  {
    platform: 'facebook',
    url: 'https://www.facebook.com/',
    openComposer: (page) => page.getByRole('button', { name: 'Create post' }).click(),
    editor: (page) => page.getByRole('dialog').getByRole('textbox'),
    postButton: (page) => page.getByRole('dialog').locator('[aria-label="Post"]'),
    closeComposer: (page) => page.getByRole('dialog').getByRole('button', { name: 'Close' }).click(),
    insertedNotice: 'Teks dan gambar resmi sudah disisipkan.',
  },
  {
    platform: 'instagram',
    url: 'https://www.instagram.com/',
    openComposer: async (page) => {
      await page.getByRole('link', { name: 'New post' }).click();
      await page.getByRole('menuitem', { name: 'Post' }).click();
    },
    editor: (page) => page.getByRole('dialog').getByRole('textbox'),
    postButton: (page) => page.getByRole('dialog').getByRole('button', { name: 'Share' }),
    closeComposer: (page) => page.getByRole('dialog').getByRole('button', { name: 'Close' }).click(),
    toCaptionStep: async (page) => {
      await page.getByRole('dialog').getByRole('button', { name: 'Next' }).click(); // Crop
      await page.getByRole('dialog').getByRole('button', { name: 'Next' }).click(); // Edit
    },
    insertedNotice: 'Keterangan resmi sudah disisipkan; gambarnya sudah dilampirkan di langkah pertama.',
  },
];

const CONTENT = new URL('../../library/content/', import.meta.url).pathname;

/** A sample library item with what one click should produce on a platform. */
export async function expectedInsert(itemId: string, platform: Platform) {
  const raw = JSON.parse(readFileSync(`${CONTENT}items/${itemId}.json`, 'utf8'));
  const item = { ...raw, media: [] } as ContentItem;
  const media = raw.media[0] as { id: string } | undefined;
  // The file every network gets is the publisher's platform-ready copy, not the editor's original.
  const served = media ? await servedSampleImage(itemId) : undefined;
  return {
    text: composeCaption(item, platform, OFFICER),
    file: media && served ? { name: fileNameFor(media.id, served.mime), type: served.mime, size: served.bytes.length, sha256: served.sha256 } : undefined,
  };
}
