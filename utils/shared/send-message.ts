// Typed wrapper over runtime.sendMessage for the content script and extension pages.
import { i18n } from '#i18n';
import { browser } from 'wxt/browser';
import type { Message, Reply, RequestType, Requests } from './messages';

/** The value of a reply, or its error thrown. */
export function replyValue<T>(reply: Reply<T> | undefined): T {
  if (!reply || !reply.ok) throw new Error(reply?.error ?? i18n.t('errors.noReply'));
  return reply.value;
}

export async function sendMessage<T extends RequestType>(type: T, req: Requests[T]['req']): Promise<Requests[T]['res']> {
  return replyValue((await browser.runtime.sendMessage({ type, ...req } as Message<T>)) as Reply<Requests[T]['res']>);
}
