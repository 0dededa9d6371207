/** nats-server for integration tests: found like the lab finds it, or the tests skip with a message (unless NATS_REQUIRED=1). */
import { locateNatsServer } from '../main/engine/models/distributed/nats-server-locator';

/** The nats-server binary, or null (after printing why) when tests that need it must skip. */
export function natsServerForTests(): string | null {
  const found = locateNatsServer();
  if (found.available) return found.path;
  if (process.env.NATS_REQUIRED === '1') throw new Error(`NATS_REQUIRED=1, but ${found.reason}`);
  console.warn(`skipping the tests that need a NATS server: ${found.reason}`);
  return null;
}
