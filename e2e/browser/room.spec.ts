/**
 * The workshop room in browser mode, with one browser context per person: the join link opens the
 * app; an attendee follows the instructor through a view change, a lesson and a run; an attendee's
 * run or cancel is refused and the refusal shown; a second instructor window sees the run under way
 * and its progress; the header keeps its controls on screen at projector widths. The server binds
 * loopback with a token (a room on one machine).
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { requireChromium } from '../support/chromium';
import { startLabServer, type LabServer } from '../support/lab-server';

requireChromium();

const INSTRUCTOR_TOKEN = 'e2e-instructor-token-0123456789';

let server: LabServer;
test.beforeAll(async () => {
  server = await startLabServer({ args: ['--token', INSTRUCTOR_TOKEN] });
});
test.afterAll(async () => {
  await server?.stop();
});

/** A person of the room: a browser context of their own (own cookies) with the page their link opens. */
async function person(browser: Browser, link: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
  return page;
}

const view = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name, exact: true });

/** Sets a small race up and starts it from the instructor's window. */
async function startRace(page: Page, tasks: string, taskMs: string): Promise<void> {
  await view(page, 'Race').click();
  await page.getByLabel('Scenario').selectOption('io-sleep');
  await page.getByLabel('Tasks', { exact: true }).fill(tasks);
  await page.getByLabel('Task time', { exact: true }).fill(taskMs);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
}

function resultsTable(page: Page) {
  return page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Model' }) });
}

test('the join link opens the app as an attendee, and leaves no token in the address', async ({
  browser,
}) => {
  expect(server.joinUrl).toMatch(/\?token=/);
  const attendee = await person(browser, server.joinUrl!);
  await expect(attendee).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/(#race)?$/);
  await expect(attendee.getByText('attendee', { exact: true })).toBeVisible();
  await expect(attendee.getByRole('status').filter({ hasText: /instructor’s screen/ })).toBeVisible();
  // The instructor's link is never among what an attendee is shown.
  expect(await attendee.content()).not.toContain(INSTRUCTOR_TOKEN);
  await attendee.context().close();
});

test('an attendee follows the instructor through a view change, a lesson and a run', async ({
  browser,
}, testInfo) => {
  const instructor = await person(browser, server.url);
  const attendee = await person(browser, server.joinUrl!);
  await expect(instructor.getByRole('button', { name: /Join · 1 attendee/ })).toBeVisible();

  await view(instructor, 'Lessons').click();
  await expect(view(attendee, 'Lessons')).toHaveAttribute('aria-current', 'page');
  await instructor
    .getByRole('navigation', { name: 'Lessons' })
    .getByRole('button', { name: 'Deadlock' })
    .click();
  await expect(
    attendee.locator('[data-lesson="deadlock"]').getByRole('heading', { level: 2, name: 'Deadlock' }).first(),
  ).toBeVisible();

  // Long enough (the sequential model alone takes 6 s) that a busy machine's attendee window still
  // sees it under way.
  await startRace(instructor, '4', '1500');
  await expect(view(attendee, 'Race')).toHaveAttribute('aria-current', 'page');
  // Live: the attendee sees the run under way, with who started it.
  await expect(attendee.getByRole('status').filter({ hasText: /Running: io-sleep/ })).toContainText(
    'started by the instructor',
  );
  // Its Run setup shows the knobs the instructor's run runs with.
  await expect(attendee.getByLabel('Tasks', { exact: true })).toHaveValue('4');
  await expect(attendee.getByLabel('Task time', { exact: true })).toHaveValue('1500');
  await testInfo.attach('attendee during the run', {
    body: await attendee.screenshot(),
    contentType: 'image/png',
  });
  // Then the table of the finished run, one row per model, as on the instructor's screen.
  await expect(resultsTable(instructor).getByRole('row')).toHaveCount(6, { timeout: 60_000 });
  await expect(resultsTable(attendee).getByRole('row')).toHaveCount(6);

  // Stepping away, then following again.
  await view(attendee, 'History').click();
  await expect(attendee.getByRole('button', { name: 'Follow again' })).toBeVisible();
  await view(instructor, 'GIL lesson').click();
  await expect(view(attendee, 'History')).toHaveAttribute('aria-current', 'page');
  await attendee.getByRole('button', { name: 'Follow again' }).click();
  await expect(view(attendee, 'GIL lesson')).toHaveAttribute('aria-current', 'page');
  await instructor.context().close();
  await attendee.context().close();
});

test('an attendee cannot start or cancel a run: the server refuses, and the refusal is shown', async ({
  browser,
}) => {
  const instructor = await person(browser, server.url);
  const attendee = await person(browser, server.joinUrl!);
  await view(instructor, 'Race').click();
  await expect(view(attendee, 'Race')).toHaveAttribute('aria-current', 'page');
  await attendee.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(attendee.getByRole('alert')).toContainText(/Refused: only the instructor .*an attendee/);
  await attendee.getByRole('button', { name: 'Dismiss' }).click();

  await startRace(instructor, '4', '2000');
  const cancel = attendee.getByRole('button', { name: 'Cancel', exact: true });
  await expect(cancel).toBeEnabled();
  await cancel.click();
  await expect(attendee.getByRole('alert')).toContainText(/Refused: only the instructor/);
  // The run went on: the instructor's window still runs it.
  await expect(instructor.getByRole('button', { name: 'Cancel', exact: true })).toBeEnabled();
  await instructor.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(instructor.getByRole('button', { name: 'Run', exact: true })).toBeEnabled({ timeout: 20_000 });
  await instructor.context().close();
  await attendee.context().close();
});

test('a second instructor window sees the run under way and its progress, not a bare refusal', async ({
  browser,
}) => {
  const first = await person(browser, server.url);
  const second = await person(browser, server.url);
  await startRace(first, '8', '400');
  const line = second.getByRole('status').filter({ hasText: /Running: io-sleep/ });
  await expect(line).toContainText(/started by the instructor \(window \d+\)/);
  await expect(line.getByRole('progressbar')).toBeVisible();
  // Its own race view shows the live run, so there is nothing to press Run for.
  await expect(second.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
  await expect(second.getByRole('button', { name: 'Cancel', exact: true })).toBeEnabled();
  await expect(resultsTable(second).getByRole('row')).toHaveCount(6, { timeout: 60_000 });
  await first.context().close();
  await second.context().close();
});

test('the room header keeps every control on screen and no badge cut short, at 1440, 1280 and 1024 px', async ({
  browser,
}) => {
  const instructor = await person(browser, server.url);
  const attendee = await person(browser, server.joinUrl!);
  for (const [width, height] of [
    [1440, 900],
    [1280, 720],
    [1024, 700],
  ] as const) {
    for (const page of [instructor, attendee]) {
      await page.setViewportSize({ width, height });
      const controls = page.locator('.header-controls').getByRole('button');
      expect(await controls.count()).toBeGreaterThan(0);
      for (const control of await controls.all()) await expect(control).toBeInViewport({ ratio: 1 });
      // A badge in the machine line is whole or not shown (the line clipped "browser mode" to "browse").
      const cut = await page.locator('.app-header .machine').evaluate((line) => {
        const box = line.getBoundingClientRect();
        return [...line.querySelectorAll<HTMLElement>('.badge')]
          .filter((badge) => badge.offsetParent !== null)
          .filter((badge) => {
            const b = badge.getBoundingClientRect();
            return b.left < box.left - 0.5 || b.right > box.right + 0.5;
          })
          .map((badge) => badge.textContent);
      });
      expect(cut, `${width}×${height}: badges cut short`).toEqual([]);
    }
  }
  // Where the line has the room, both show whole: the attendee at 1440 px sees its role.
  await attendee.setViewportSize({ width: 1440, height: 900 });
  await expect(attendee.locator('.machine').getByText('attendee', { exact: true })).toBeInViewport({
    ratio: 1,
  });
  await instructor.context().close();
  await attendee.context().close();
});
