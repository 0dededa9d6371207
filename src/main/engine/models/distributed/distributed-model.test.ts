import { describe, expect, it } from 'vitest';
import { builtHostScripts } from '../../../../test-support/engine-options';
import { forkSpawner } from '../process-spawner';
import { createDistributedExecutor, distributedAvailability } from './distributed-model';
import { NATS_SERVER_MISSING } from './nats-server-locator';

const missing = () => ({ available: false, reason: NATS_SERVER_MISSING }) as const;
const env = { hostScripts: builtHostScripts(), spawner: forkSpawner, labVersion: '0.0.0-test', cores: 3 };

describe('the distributed model in the registry', () => {
  it('is available with a server given, whether or not nats-server is installed', () => {
    const server = { url: 'nats://lab:4222', auth: { kind: 'none' } } as const;
    expect(distributedAvailability({ server }, missing)).toEqual({ available: true, binary: null });
  });

  it('is available with nats-server installed, and says in one line what to do without it', () => {
    expect(
      distributedAvailability({ server: null }, () => ({ available: true, path: '/usr/sbin/nats-server' })),
    ).toEqual({
      available: true,
      binary: '/usr/sbin/nats-server',
    });
    expect(distributedAvailability({ server: null }, missing)).toEqual({
      available: false,
      reason: NATS_SERVER_MISSING,
    });
  });

  it('builds an executor on a given server with one local worker per core unless told', () => {
    const server = {
      url: 'nats://lab:4222',
      auth: { kind: 'password', user: 'instructor', password: 'pw' },
    } as const;
    const executor = createDistributedExecutor({ server, workers: null }, { taskTimeoutMs: null }, env);
    expect(executor.placement).toBe('0 worker processes on this machine, through NATS at nats://lab:4222');
    expect(executor.model).toBe('distributed');
  });

  it('refuses to build without a server to start or use, with the availability line', () => {
    expect(() =>
      createDistributedExecutor(
        { server: null, workers: 2, natsServer: '/no/nats-server' },
        { taskTimeoutMs: null },
        env,
      ),
    ).toThrow(/^\/no\/nats-server is not an executable nats-server; nats-server is not installed/);
  });
});
