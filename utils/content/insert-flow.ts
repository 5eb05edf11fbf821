// One click: ask the background for the composed text and image, insert, verify, fall back.
import { i18n } from '#i18n';
import { base64ToBytes } from '../shared/crypto';
import type { LibraryCard } from '../shared/messages';
import type { AttachedFile } from '../shared/messages';
import { sendMessage } from '../shared/send-message';
import { copyText } from './clipboard';
import type { Composer, SiteAdapter } from './sites';

/** What went into a composer, for the posting log. */
export interface InsertedContent {
  token: string;
  text: string;
}

export const insertedContent = new WeakMap<HTMLElement, InsertedContent>();

export function toFile(file: AttachedFile): File {
  return new File([base64ToBytes(file.base64)], file.name, { type: file.mime });
}


/** Inserts a card into the composer and returns the sentence to show the officer. */
export async function insertCard(adapter: SiteAdapter, composer: Composer, card: LibraryCard): Promise<string> {
  const prepared = await sendMessage('insert.prepare', { itemId: card.id, platform: adapter.platform });
  const inserted = await adapter.insertText(composer, prepared.text);
  if (!inserted) {
    // Never try again blindly: a second attempt is how duplicate text happens.
    const copied = await copyText(prepared.text);
    return copied
      ? i18n.t('insert.fallbackCopied')
      : i18n.t('insert.fallbackManual');
  }
  insertedContent.set(composer.editor, { token: prepared.token, text: prepared.text });
  if (prepared.file) {
    const attached = await adapter.attachFile(composer, toFile(prepared.file));
    return i18n.t(attached ? 'insert.done' : 'insert.imageFailed');
  }
  return i18n.t(prepared.missingImage ? 'insert.imageMissing' : 'insert.textOnly');
}
