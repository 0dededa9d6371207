import { expect, test } from '@playwright/test';
import { requireChromium } from '../support/chromium';
import { startLabServer, type LabServer } from '../support/lab-server';

requireChromium();

let server: LabServer;
test.beforeAll(async () => {
  server = await startLabServer();
});
test.afterAll(async () => {
  await server?.stop();
});

test('a whole run works from the keyboard alone, with a visible focus ring', async ({ page }, testInfo) => {
  await page.goto(server.url);
  await expect(page.getByLabel('Scenario')).toBeEnabled();
  // Tab from the top of the page to the scenario picker, choose with the arrow keys.
  await page.keyboard.press('Tab');
  for (
    let i = 0;
    i < 10 && !(await page.getByLabel('Scenario').evaluate((el) => el === document.activeElement));
    i++
  ) {
    await page.keyboard.press('Tab');
  }
  const scenario = page.getByLabel('Scenario');
  await expect(scenario).toBeFocused();
  const outline = await scenario.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await scenario.selectOption('io-sleep');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Tasks', { exact: true })).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('3');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Task time', { exact: true })).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('150');
  // Enter in a field submits the form: the run starts.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('table').locator('tbody tr[data-model]')).toHaveCount(5, { timeout: 60_000 });
  // The results' exports are reachable by Tab too.
  const exportCsv = page.getByRole('button', { name: 'Export CSV' });
  await exportCsv.focus();
  await expect(exportCsv).toBeFocused();
  await testInfo.attach('keyboard', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
});
