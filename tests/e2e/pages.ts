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
}

type FixtureWindow = { __fixture: { text(): string; files(): Promise<FixtureFile[]>; posts: FixturePost[] } };

export const fixture = {
  text: (page: Page) => page.evaluate(() => (window as unknown as FixtureWindow).__fixture.text()),
  files: (page: Page) => page.evaluate(() => (window as unknown as FixtureWindow).__fixture.files()),
  posts: (page: Page) => page.evaluate(() => (window as unknown as FixtureWindow).__fixture.posts),
};
