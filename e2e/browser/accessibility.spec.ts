import { expect, test, type Page } from '@playwright/test';
import {
  presenter,
  seriousViolations,
  violationsInEveryTheme as inEveryTheme,
  violationsLightAndDark,
} from '../support/axe';
import { requireChromium } from '../support/chromium';
import { startLabServer, type LabServer } from '../support/lab-server';

requireChromium();
// axe injects a script, which the app's Content-Security-Policy would refuse.
test.use({ bypassCSP: true });
// The sizes are independent walks (each worker starts its own server): the longest spec shares out.
test.describe.configure({ mode: 'parallel' });

let server: LabServer;
test.beforeAll(async () => {
  server = await startLabServer();
});
test.afterAll(async () => {
  await server?.stop();
});

const VIEWS = ['Race', 'Responsiveness', 'GIL lesson', 'Lessons', 'History', 'Cluster'] as const;

/**
 * The sizes the issue walked: a laptop, a projector, a small laptop window. The projector's gets the
 * whole walk (every state, light and dark, presenter mode on and off); the others every view with
 * every rule, presenter mode on and off, in the light theme: what a size changes is what fits and
 * what scrolls, while the dark palette's contrast is the same at any size (and CI's time is bounded).
 */
const VIEWPORTS = [
  // The longest walk first, so that it starts at once beside the others.
  { width: 1280, height: 720, full: true },
  { width: 1440, height: 900, full: false },
  { width: 1024, height: 700, full: false },
] as const;

/** Every rule in the light theme, with presenter mode off and on; leaves it off. */
async function plainAndPresenting(page: Page, state: string): Promise<string[]> {
  const found: string[] = [];
  for (const on of [false, true]) {
    await presenter(page, on);
    for (const line of await seriousViolations(page))
      found.push(`${state}${on ? ', presenter' : ''}: ${line}`);
  }
  await presenter(page, false);
  return found;
}

async function view(page: Page, name: (typeof VIEWS)[number]): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name, exact: true }).click();
}

for (const { width, height, full } of VIEWPORTS)
  test(`axe finds no serious violation in ${full ? 'any view or state' : 'any view'} at ${width}×${height}, ${full ? 'light, dark or presenter' : 'plain or presenter'}`, async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width, height });
    await page.goto(server.url);
    await expect(page.getByLabel('Scenario')).toBeEnabled();
    const found: string[] = [];
    for (const name of VIEWS) {
      await view(page, name);
      found.push(...(await (full ? inEveryTheme(page, name) : plainAndPresenting(page, name))));
    }
    if (!full) {
      expect(found, found.join('\n')).toEqual([]);
      return;
    }

    // A race under way: one model running, the others waiting. Its first model alone takes 60 s,
    // so it is still under way when the checks below end, however busy the machine; Cancel ends it.
    await view(page, 'Race');
    await page.getByLabel('Scenario').selectOption('io-sleep');
    await page.getByLabel('Tasks', { exact: true }).fill('2');
    await page.getByLabel('Task time', { exact: true }).fill('30000');
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

    // A chart enlarged to fill the window.
    // (It covers the header, presenter mode's button too: presenter mode is chosen first.)
    const enlarge = page.getByRole('button', { name: 'Enlarge Throughput' });
    for (const on of [false, true]) {
      await presenter(page, on);
      await enlarge.click();
      found.push(...(await violationsLightAndDark(page, `throughput enlarged${on ? ', presenter' : ''}`)));
      await page.keyboard.press('Escape');
      await expect(enlarge).toBeFocused();
    }
    await presenter(page, false);

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
