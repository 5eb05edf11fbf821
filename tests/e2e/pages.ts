// Page objects for the sidebar (inside its open shadow root) and the fixture sites.
import type { Locator, Page } from '@playwright/test';
import type { FixtureFile, FixturePost } from './fixtures/shared';

export class SidebarPage {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.locator('humas-kanal-sidebar');
  }
  items(): Locator {
    return this.root.locator('[data-testid="hk-item"]');
  }
  item(id: string): Locator {
    return this.root.locator(`[data-testid="hk-item"][data-item-id="${id}"]`);
  }
  async insert(id: string): Promise<void> {
    await this.item(id).locator('[data-testid="hk-insert"]').click();
  }
  status(): Locator {
    return this.root.locator('[data-testid="hk-status"]');
  }
  search(): Locator {
    return this.root.locator('[data-testid="hk-search"]');
  }
  notice(): Locator {
    return this.root.locator('[role="alert"]');
  }
  /** Clicks "Salin teks": the card's preview, and what the clipboard then holds. */
  async copy(id: string): Promise<{ preview: string; clipboard: string }> {
    const card = this.item(id);
    const preview = await card.locator('[data-testid="hk-preview"]').innerText();
    await card.locator('[data-testid="hk-copy"]').click();
    await this.notice().filter({ hasNotText: 'Memproses' }).waitFor(); // the copy has finished
    return { preview, clipboard: await this.page.evaluate(() => navigator.clipboard.readText()) };
  }
  /** Clicks "Unduh gambar" and returns the downloaded file's name. */
  async download(id: string): Promise<string> {
    const download = this.page.waitForEvent('download');
    await this.item(id).locator('[data-testid="hk-download"]').click();
    return (await download).suggestedFilename();
  }
}

/** What every fixture page exposes as `window.__fixture` (the editor's state, files, posts). */
export type FixtureWindow = { __fixture: { text(): string; files(): Promise<FixtureFile[]>; posts: FixturePost[] } };

export const fixture = {
  text: (page: Page) => page.evaluate(() => (window as unknown as FixtureWindow).__fixture.text()),
  files: (page: Page) => page.evaluate(() => (window as unknown as FixtureWindow).__fixture.files()),
  posts: (page: Page) => page.evaluate(() => (window as unknown as FixtureWindow).__fixture.posts),
};
