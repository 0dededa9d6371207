import { createServer } from 'node:net';
import { expect, test } from '@playwright/test';
import { requireChromium } from '../support/chromium';
import { startLabServer, type LabServer } from '../support/lab-server';

requireChromium();
test.use({ viewport: { width: 1280, height: 720 } });

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
test.afterAll(async () => {
  await server?.stop();
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
