// The extension APIs the tests call inside the service worker (via worker.evaluate).
declare const chrome: {
  alarms: { create(name: string, info: { periodInMinutes?: number; when?: number }): Promise<void> };
  notifications: { getAll(): Promise<Record<string, boolean>>; clear(id: string): Promise<boolean> };
  action: { getBadgeText(details: { tabId?: number }): Promise<string> };
  tabs: { create(info: { url: string }): Promise<{ id?: number }>; update(id: number, info: { url: string }): Promise<unknown> };
  storage: {
    local: { set(items: object): Promise<void>; get(key: string): Promise<Record<string, unknown>> };
    session: { set(items: object): Promise<void> };
    managed: { get(key: string): Promise<Record<string, unknown>> };
  };
};
