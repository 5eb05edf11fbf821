// Reads the effective settings from browser storage (local, overridden by managed policy).
import { browser } from 'wxt/browser';
import type { Settings } from '../shared/schema';
import { mergeSettings, SETTINGS_KEY } from '../shared/settings';

export async function readManagedSettings(): Promise<unknown> {
  try {
    return await browser.storage.managed.get(null);
  } catch {
    // No policy schema or no policy: nothing is managed.
    return {};
  }
}

export async function loadSettings(): Promise<Settings> {
  const [local, managed] = await Promise.all([browser.storage.local.get(SETTINGS_KEY), readManagedSettings()]);
  return mergeSettings(local[SETTINGS_KEY], managed);
}
