// What unit tests of the background service share: the local library server with the sample
// content for the test file, and an in-memory stand-in for storage.session.
import { afterAll, beforeAll } from 'vitest';
import type { KeyValueStore } from '../../utils/background/background-service';
import { startLibraryServer, type LibraryServer } from '../../library/server';

const CONTENT_DIR = new URL('../../library/content/', import.meta.url).pathname;

/** The sample library, served for this test file; read `.current` inside tests. */
export function useSampleLibrary(): { current: LibraryServer } {
  const server = {} as { current: LibraryServer };
  beforeAll(async () => {
    server.current = await startLibraryServer({ contentDir: CONTENT_DIR });
  });
  afterAll(() => server.current.close());
  return server;
}

export function memoryStore(): KeyValueStore {
  const map = new Map<string, unknown>();
  return { get: async (k) => map.get(k), set: async (k, v) => void map.set(k, v) };
}
