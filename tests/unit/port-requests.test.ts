import { describe, expect, it } from 'vitest';
import type { PortReply, PortRequest } from '../../utils/shared/messages';
import { portRequester, type RequestPortLike } from '../../utils/shared/port-requests';

/** A port whose other end the test plays: it sees the requests and answers or closes. */
function fakePort() {
  const sent: PortRequest[] = [];
  const onReply: ((reply: PortReply) => void)[] = [];
  const onClose: (() => void)[] = [];
  const port: RequestPortLike = {
    postMessage: (message) => void sent.push(message),
    onMessage: { addListener: (listener) => void onReply.push(listener) },
    onDisconnect: { addListener: (listener) => void onClose.push(listener) },
  };
  return { port, sent, reply: (reply: PortReply) => onReply.forEach((l) => l(reply)), close: () => onClose.forEach((l) => l()) };
}

describe('requests over the sidebar port', () => {
  it('keeps one port, matches replies by id in any order, and throws a reply error', async () => {
    const ports: ReturnType<typeof fakePort>[] = [];
    const fallback: string[] = [];
    const request = portRequester(
      () => (ports.push(fakePort()), ports.at(-1)!.port),
      async (type) => void fallback.push(type) as never,
    );
    const first = request('library.query', { query: { text: 'banjir', platform: 'x' } });
    const second = request('library.query', { query: { text: 'pupuk', platform: 'x' } });
    const third = request('library.syncNow', {});
    expect(ports).toHaveLength(1);
    const [a, b, c] = ports[0]!.sent;
    expect([a?.type, (a as { query?: { text: string } }).query?.text, b?.type, c?.type]).toEqual(['library.query', 'banjir', 'library.query', 'library.syncNow']);
    ports[0]!.reply({ id: b!.id, ok: true, value: { cards: ['pupuk'] } });
    ports[0]!.reply({ id: a!.id, ok: true, value: { cards: ['banjir'] } });
    ports[0]!.reply({ id: c!.id, ok: false, error: 'Perpustakaan belum diatur' });
    expect(await first).toEqual({ cards: ['banjir'] });
    expect(await second).toEqual({ cards: ['pupuk'] });
    await expect(third).rejects.toThrow('Perpustakaan belum diatur');
    expect(fallback).toEqual([]);
  });

  it('asks again by message what was waiting when the port closed, and opens a new port for the next request', async () => {
    const ports: ReturnType<typeof fakePort>[] = [];
    const request = portRequester(
      () => (ports.push(fakePort()), ports.at(-1)!.port),
      async (type, req) => ({ via: 'message', type, req }) as never,
    );
    const waiting = request('library.query', { query: { text: 'imunisasi', platform: 'x' } });
    ports[0]!.close();
    expect(await waiting).toEqual({ via: 'message', type: 'library.query', req: { query: { text: 'imunisasi', platform: 'x' } } });
    const next = request('library.query', { query: { text: 'vaksin', platform: 'x' } });
    expect(ports).toHaveLength(2);
    ports[1]!.reply({ id: ports[1]!.sent[0]!.id, ok: true, value: 'lewat port baru' });
    expect(await next).toBe('lewat port baru');
  });
});
