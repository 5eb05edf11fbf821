// Typed wrapper over runtime.sendMessage for the content script and extension pages.
import { i18n } from '#i18n';
import { browser } from 'wxt/browser';
import type { Message, RequestType, Requests } from './messages';

export async function sendMessage<T extends RequestType>(type: T, req: Requests[T]['req']): Promise<Requests[T]['res']> {
  const reply = (await browser.runtime.sendMessage({ type, ...req } as Message<T>)) as { ok: true; value: Requests[T]['res'] } | { ok: false; error: string };
  if (!reply || !reply.ok) throw new Error(reply?.error ?? i18n.t('errors.noReply'));
  return reply.value;
}
