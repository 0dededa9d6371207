/** Whether the distributed model can run for the e2e tests: nats-server on PATH or in the usual folders. */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const USUAL_DIRS = ['/usr/sbin', '/usr/local/bin', '/usr/bin', '/opt/homebrew/bin'];

/** The reason the distributed e2e tests must skip, or null when nats-server is there (NATS_REQUIRED=1 makes a skip a failure). */
export function natsServerMissing(): string | null {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...USUAL_DIRS].filter(Boolean);
  for (const dir of dirs) {
    try {
      accessSync(join(dir, 'nats-server'), constants.X_OK);
      return null;
    } catch {
      // not here
    }
  }
  const reason =
    'no nats-server (apt-get install nats-server): the distributed model’s e2e tests are skipped';
  if (process.env.NATS_REQUIRED === '1') throw new Error(`NATS_REQUIRED=1 but ${reason}`);
  return reason;
}
