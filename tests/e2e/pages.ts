// Page objects for the sidebar (inside its open shadow root), the extension's own pages, and the
// fixture sites.
import { readFileSync } from 'node:fs';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import type { SettingsField } from '../../utils/shared/settings';
import type { FixtureFile, FixturePost } from '../support/fixtures/shared';

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

/** One of the extension's own pages (popup.html, dashboard.html, options.html), opened in a new tab. */
abstract class ExtensionPage {
  constructor(readonly page: Page) {}
  protected static async openPage(context: BrowserContext, extensionId: string, file: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/${file}`);
    return page;
  }
  byTestId(id: string): Locator {
    return this.page.getByTestId(id);
  }
}

export class PopupPage extends ExtensionPage {
  static async open(context: BrowserContext, extensionId: string): Promise<PopupPage> {
    return new PopupPage(await ExtensionPage.openPage(context, extensionId, 'popup.html'));
  }
  pending(): Locator {
    return this.byTestId('hk-pending');
  }
  /** The sync status after reopening the popup (it asks once when it opens), once it has its answer. */
  async statusAfterReload(): Promise<string | null> {
    await this.page.reload();
    await this.byTestId('hk-status').filter({ hasNotText: 'Memuat' }).waitFor();
    return this.byTestId('hk-status').textContent();
  }
  /** The pending count after reopening the popup (it reads the outbox once when it opens). */
  async pendingAfterReload(): Promise<string | null> {
    await this.page.reload();
    return this.pending().textContent();
  }
  /** The report server's refusals as the popup says them after reopening ('' when none). */
  async refusedAfterReload(): Promise<string> {
    await this.page.reload();
    await this.pending().waitFor();
    const refused = this.page.getByTestId('hk-report-refused');
    return (await refused.count()) ? (await refused.innerText()).replace(/\s+/g, ' ').trim() : '';
  }
}

export class DashboardPage extends ExtensionPage {
  static async open(context: BrowserContext, extensionId: string): Promise<DashboardPage> {
    return new DashboardPage(await ExtensionPage.openPage(context, extensionId, 'dashboard.html'));
  }
  rows(): Locator {
    return this.byTestId('hk-log-row');
  }
  row(id: string): Locator {
    return this.page.locator(`[data-testid="hk-log-row"][data-log-id="${id}"]`);
  }
  notice(): Locator {
    return this.byTestId('hk-dashboard-notice');
  }
  async checkChain(): Promise<Locator> {
    await this.byTestId('hk-chain-check').click();
    return this.notice();
  }
  async sendNow(): Promise<void> {
    await this.byTestId('hk-send-now').click();
  }
  /** Exports the CSV and returns its bytes. */
  async exportCsv(): Promise<Buffer> {
    const download = this.page.waitForEvent('download');
    await this.byTestId('hk-export-csv').click();
    return readFileSync(await (await download).path());
  }
}

export class SettingsPage extends ExtensionPage {
  /** Opens the settings page once its stored values are in (the form is busy until then). */
  static async open(context: BrowserContext, extensionId: string): Promise<SettingsPage> {
    const page = new SettingsPage(await ExtensionPage.openPage(context, extensionId, 'options.html'));
    await page.page.locator('[data-testid="hk-settings-form"]:not([aria-busy="true"])').waitFor();
    return page;
  }
  field(name: SettingsField): Locator {
    return this.byTestId(`hk-${name}`);
  }
  error(name: SettingsField): Locator {
    return this.byTestId(`hk-${name}-error`);
  }
  async fill(values: Partial<Record<SettingsField, string>>): Promise<void> {
    for (const [name, value] of Object.entries(values)) await this.field(name as SettingsField).fill(value);
  }
  async save(): Promise<void> {
    await this.byTestId('hk-save').click();
  }
}
