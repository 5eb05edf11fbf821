// A small pool of worker threads that check Ed25519 signatures (hub/verify-worker.mjs): checking is
// most of an upload's cost, and several uploads at once then use every core instead of one.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

type Pending = { resolve: (valid: boolean[]) => void; reject: (err: Error) => void };

export function createSignaturePool(size = Math.max(1, availableParallelism())) {
  const workers = Array.from({ length: size }, () => new Worker(new URL('./verify-worker.mjs', import.meta.url)));
  const pending = new Map<number, Pending>();
  let next = 0;
  for (const worker of workers) {
    worker.unref();
    worker.on('message', ({ id, valid }: { id: number; valid: boolean[] }) => {
      pending.get(id)?.resolve(valid);
      pending.delete(id);
    });
    worker.on('error', (err) => {
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    });
  }
  return {
    /** Whether each signature is the install's signature of its hash (UTF-8 bytes of the hex). */
    verify(publicKey: string, items: [hash: string, signature: string][]): Promise<boolean[]> {
      if (items.length === 0) return Promise.resolve([]);
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        workers[id % workers.length]!.postMessage({ id, publicKey, items });
      });
    },
    close: () => Promise.all(workers.map((w) => w.terminate())).then(() => undefined),
  };
}

export type SignaturePool = ReturnType<typeof createSignaturePool>;
