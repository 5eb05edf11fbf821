// Requests over one long-lived port (REQUEST_PORT in messages.ts), for the sidebar's search while
// typing. A port closes when the worker stops: the next request opens a new one, and requests that
// were waiting on the closed port are asked again by runtime.sendMessage (which wakes the worker).
import type { Message, PortReply, PortRequest, RequestType, Requests } from './messages';
import { replyValue } from './send-message';

/** The part of runtime.Port used here (a fake in unit tests). */
export interface RequestPortLike {
  postMessage(message: PortRequest): void;
  onMessage: { addListener(listener: (reply: PortReply) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

type Send = <T extends RequestType>(type: T, req: Requests[T]['req']) => Promise<Requests[T]['res']>;

export function portRequester(connect: () => RequestPortLike, fallback: Send): Send {
  let port: RequestPortLike | undefined;
  let nextId = 0;
  const waiting = new Map<number, { message: Message; resolve(value: unknown): void; reject(error: unknown): void }>();
  const askAgain = (id: number) => {
    const request = waiting.get(id)!;
    waiting.delete(id);
    const { type, ...req } = request.message;
    fallback(type, req as never).then(request.resolve, request.reject);
  };
  const open = () => {
    const opened = connect();
    opened.onMessage.addListener((reply) => {
      const request = waiting.get(reply.id);
      if (!request) return;
      waiting.delete(reply.id);
      try {
        request.resolve(replyValue(reply));
      } catch (error) {
        request.reject(error);
      }
    });
    opened.onDisconnect.addListener(() => {
      if (port === opened) port = undefined;
      for (const id of [...waiting.keys()]) askAgain(id);
    });
    return opened;
  };
  return (type, req) =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      const message = { type, ...req } as Message;
      waiting.set(id, { message, resolve: resolve as (value: unknown) => void, reject });
      try {
        (port ??= open()).postMessage({ ...message, id } as PortRequest);
      } catch {
        // A port that closed before its disconnect event arrived.
        port = undefined;
        askAgain(id);
      }
    });
}
