import { expect, test, type Page } from '@playwright/test';
import { seriousViolations } from '../support/axe';
import { requireChromium } from '../support/chromium';
import { startLabServer, type LabServer } from '../support/lab-server';

requireChromium();
// axe injects a script, which the app's Content-Security-Policy would refuse.
test.use({ bypassCSP: true, viewport: { width: 1440, height: 900 } });

let server: LabServer;
test.beforeAll(async () => {
  server = await startLabServer();
});
test.afterAll(async () => {
  await server?.stop();
});

const VIEWS = ['Race', 'Responsiveness', 'GIL lesson', 'Lessons', 'History'] as const;

async function presenter(page: Page, on: boolean): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Presenter mode' });
  if ((await toggle.getAttribute('aria-pressed')) !== String(on)) await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', String(on));
}

/**
 * Serious violations of the page as it is, light and dark, with and without presenter mode: every
 * rule in the light theme, and in the other three the one rule a palette changes (contrast).
 */
async function inEveryTheme(page: Page, state: string): Promise<string[]> {
  const found: string[] = [];
  for (const on of [false, true]) {
    await presenter(page, on);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const rules = colorScheme === 'light' && !on ? undefined : ['color-contrast'];
      for (const line of await seriousViolations(page, rules))
        found.push(`${state}, ${colorScheme}${on ? ', presenter' : ''}: ${line}`);
    }
  }
  await presenter(page, false);
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

async function view(page: Page, name: (typeof VIEWS)[number]): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name, exact: true }).click();
}

test('axe finds no serious violation in any view or state, light, dark or presenter', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(server.url);
  await expect(page.getByLabel('Scenario')).toBeEnabled();
  const found: string[] = [];
  for (const name of VIEWS) {
    await view(page, name);
    found.push(...(await inEveryTheme(page, name)));
  }

  // A race under way: one model running, the others waiting.
  await view(page, 'Race');
  await page.getByLabel('Scenario').selectOption('io-sleep');
  await page.getByLabel('Tasks', { exact: true }).fill('2');
  await page.getByLabel('Task time', { exact: true }).fill('3000');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('progressbar', { name: 'sequential progress', exact: true })).toBeVisible();
  found.push(...(await inEveryTheme(page, 'race under way')));
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled({ timeout: 30_000 });

  // A finished race: table, verdict, badges, lanes with a selected task.
  await page.getByLabel('Tasks', { exact: true }).fill('3');
  await page.getByLabel('Task time', { exact: true }).fill('50');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('table').locator('tbody tr[data-model]')).toHaveCount(5, { timeout: 60_000 });
  const lanes = page.getByRole('img', { name: /^Lanes timeline/ });
  await lanes.click({ position: { x: 300, y: 58 } });
  await expect(page.getByRole('region', { name: 'Selected task' })).toBeVisible();
  found.push(...(await inEveryTheme(page, 'finished race, a task selected')));

  // History: a selected row and the run opened beside it.
  await view(page, 'History');
  const row = page.getByRole('table', { name: 'Run history' }).locator('tbody tr').first();
  await row.getByRole('checkbox').check();
  await row.getByRole('button', { name: 'Open' }).click();
  found.push(...(await inEveryTheme(page, 'History, a run selected and open')));

  // A lesson's result: the deadlock lesson's outcomes ("Completed", "Deadlock detected").
  await view(page, 'Lessons');
  await page
    .getByRole('navigation', { name: 'Lessons' })
    .getByRole('button', { name: /Deadlock/ })
    .click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('[data-outcome]').first()).toBeVisible({ timeout: 30_000 });
  found.push(...(await inEveryTheme(page, 'deadlock lesson, run')));

  expect(found, found.join('\n')).toEqual([]);
});
