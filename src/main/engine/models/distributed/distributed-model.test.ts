import { describe, expect, it } from 'vitest';
import { builtHostScripts } from '../../../../test-support/engine-options';
import { forkSpawner } from '../process-spawner';
import { createDistributedExecutor, distributedAvailability, probeDistributed } from './distributed-model';
import { NATS_SERVER_MISSING } from './nats-server-locator';

const missing = () => ({ available: false, reason: NATS_SERVER_MISSING }) as const;
const env = { hostScripts: builtHostScripts(), spawner: forkSpawner };
const pool = { workers: 3, taskTimeoutMs: null };

describe('the distributed model in the registry', () => {
  it('is available with a server given, whether or not nats-server is installed', async () => {
    const server = { url: 'nats://lab:4222', auth: { kind: 'none' } } as const;
    expect(distributedAvailability({ server }, missing)).toEqual({ available: true, binary: null });
    expect(await probeDistributed({ server, natsServer: '/no/nats-server' })).toEqual({
      available: true,
      runtime: 'NATS JetStream at nats://lab:4222',
    });
  });

  it('is available with nats-server installed, and says in one line what to do without it', async () => {
    expect(
      distributedAvailability({ server: null }, () => ({ available: true, path: '/usr/sbin/nats-server' })),
    ).toEqual({ available: true, binary: '/usr/sbin/nats-server' });
    expect(distributedAvailability({ server: null }, missing)).toEqual({
      available: false,
      reason: NATS_SERVER_MISSING,
    });
    const probed = await probeDistributed({ server: null, natsServer: '/no/nats-server' });
    expect(probed).toEqual({
      available: false,
      reason: `/no/nats-server is not an executable nats-server; ${NATS_SERVER_MISSING}`,
    });
  });

  it('builds an executor on a given server with the pool’s local workers', () => {
    const server = {
      url: 'nats://lab:4222',
      auth: { kind: 'password', user: 'instructor', password: 'pw' },
    } as const;
    const executor = createDistributedExecutor(pool, { ...env, distributed: { server } });
    expect(executor.placement).toBe('0 worker processes on this machine, through NATS at nats://lab:4222');
    expect(executor.model).toBe('distributed');
  });

  it('builds an executor without a server to start or use, whose start fails with the availability line', async () => {
    const executor = createDistributedExecutor(pool, {
      ...env,
      distributed: { server: null, natsServer: '/no/nats-server' },
    });
    await expect(executor.start()).rejects.toThrow(
      /^\/no\/nats-server is not an executable nats-server; nats-server is not installed/,
    );
    await executor.close();
  });

  it('refuses to start a run whose tasks stay on this machine with no local worker to take them', async () => {
    const executor = createDistributedExecutor(
      { workers: 0, taskTimeoutMs: null },
      {
        ...env,
        distributed: { server: { url: 'nats://lab:4222', auth: { kind: 'none' } } },
        stayLocal: 'its tasks read files here',
      },
    );
    await expect(executor.start()).rejects.toThrow(
      "only this machine's workers may take these tasks (its tasks read files here), and --workers 0 starts none: give --workers 1 or more",
    );
    await executor.close();
  });
});
