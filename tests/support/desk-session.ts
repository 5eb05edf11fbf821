// The editorial desk as its accounts use it in e2e: the desk's API as an account's browser calls it
// (session cookie, same origin), and an account signed in to a hub page in its own browser context.
import { expect, type Browser, type Page } from '@playwright/test';

/** POSTs to `/desk/api/libraries/<library><path>` as `username`; fails the test on an error answer. */
export async function deskApiAs(hubUrl: string, username: string, password: string, library = 'nasional') {
  const login = await fetch(`${hubUrl}/api/login`, { method: 'POST', headers: { Origin: hubUrl, 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  return async (path: string, body: unknown = {}) => {
    const res = await fetch(`${hubUrl}/desk/api/libraries/${library}${path}`, { method: 'POST', headers: { Origin: hubUrl, Cookie: cookie, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    return res.json();
  };
}

/** A new context (Indonesian) signed in at `path` (`/desk` or the supervisors' `/login`). */
export async function signInToHub(browser: Browser, hubUrl: string, path: '/desk' | '/login', username: string, password: string): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'id-ID' })).newPage();
  await page.goto(`${hubUrl}${path}`);
  await page.getByTestId('hub-username').fill(username);
  await page.getByTestId('hub-password').fill(password);
  await page.getByTestId('hub-login').click();
  await expect(page.getByTestId(path === '/desk' ? 'desk-user' : 'hub-scope')).toContainText(username);
  return page;
}
