// The one extension API the tests call inside the service worker (via worker.evaluate).
declare const chrome: { storage: { local: { set(items: object): Promise<void> } } };
