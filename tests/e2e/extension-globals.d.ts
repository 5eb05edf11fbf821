// The extension APIs the tests call inside the service worker (via worker.evaluate).
declare const chrome: {
  storage: { local: { set(items: object): Promise<void>; get(key: string): Promise<Record<string, unknown>> } };
  alarms: { create(name: string, info: { periodInMinutes?: number; when?: number }): Promise<void> };
  notifications: { getAll(): Promise<Record<string, boolean>> };
};
