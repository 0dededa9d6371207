import { createServer } from 'node:net';
import { expect, test } from '@playwright/test';
import { violationsLightAndDark } from '../support/axe';
import { requireChromium } from '../support/chromium';
import { startLabServer, type LabServer } from '../support/lab-server';

requireChromium();
// axe injects a script, which the app's Content-Security-Policy would refuse.
test.use({ viewport: { width: 1280, height: 720 }, bypassCSP: true });

/** A port free now, so the server can be restarted on the same address. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

let server: LabServer | null = null;
// After each test: each one ends on a restarted server, which the next test's would replace.
test.afterEach(async () => {
  await server?.stop();
  server = null;
});

test('a lost connection is shown wherever the page is scrolled, disables Run, and recovers', async ({
  page,
}) => {
  const port = await freePort();
  server = await startLabServer({ args: ['--port', String(port)] });
  const { sandbox } = server;
  await page.goto(server.url);
  const run = page.getByRole('button', { name: 'Run', exact: true });
  await expect(run).toBeEnabled();

  await server.stop();
  server = null;
  const banner = page.getByRole('alert').filter({ hasText: 'Connection to the engine lost' });
  await expect(banner).toBeVisible();
  await expect(run).toBeDisabled();
  for (const y of [0, 600, 5000]) {
    await page.evaluate((top) => scrollTo({ top }), y);
    await expect(banner).toBeInViewport({ ratio: 1 });
  }

  server = await startLabServer({ sandbox, args: ['--port', String(port)] });
  await expect(banner).toBeHidden({ timeout: 30_000 });
  await expect(run).toBeEnabled();
});

test('a race under way when the connection drops says so and disables Run and Cancel; back, it says how the race ended', async ({
  page,
}) => {
  const port = await freePort();
  server = await startLabServer({ args: ['--port', String(port)] });
  const { sandbox } = server;
  await page.goto(server.url);
  await page.getByLabel('Scenario').selectOption('io-sleep');
  await page.getByLabel('Tasks', { exact: true }).fill('2');
  await page.getByLabel('Task time', { exact: true }).fill('20000');
  const run = page.getByRole('button', { name: 'Run', exact: true });
  const cancel = page.getByRole('button', { name: 'Cancel', exact: true });
  await run.click();
  await expect(page.getByRole('progressbar', { name: 'sequential progress', exact: true })).toBeVisible();
  await expect(cancel).toBeEnabled();

  await server.stop();
  server = null;
  const race = page.getByRole('region', { name: 'Race', exact: true });
  await expect(page.getByRole('alert').filter({ hasText: 'Connection to the engine lost' })).toBeInViewport();
  await expect(race.getByRole('status')).toHaveText('Disconnected: live updates paused');
  await expect(run).toBeDisabled();
  await expect(cancel).toBeDisabled();
  expect(await violationsLightAndDark(page, 'a race cut off by a lost connection')).toEqual([]);

  // The server cancelled the race as it stopped and kept it: back, the race says how it ended, not
  // "running" forever. (A server killed outright is reported lost: lab-controller's unit test.)
  server = await startLabServer({ sandbox, args: ['--port', String(port)] });
  await expect(race.getByRole('status')).toHaveText(/^Cancelled/, { timeout: 30_000 });
  await expect(run).toBeEnabled();
  await expect(cancel).toBeDisabled();
});
