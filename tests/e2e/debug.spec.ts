import { test } from './harness';
test('debug', async ({ context, configure }) => {
  await configure();
  const page = await context.newPage();
  page.on('console', (m) => console.log('PAGE', m.type(), m.text()));
  page.on('pageerror', (e) => console.log('PAGEERR', e.message));
  await page.goto('https://x.com/compose/post');
  await page.waitForTimeout(2000);
  console.log(await page.evaluate(() => document.body.innerHTML.slice(0, 1500)));
  console.log(await page.evaluate(() => document.querySelector('humas-kanal-sidebar')?.shadowRoot?.innerHTML.slice(0, 1500)));
  await page.screenshot({ path: '/tmp/x.png' });
});
