import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { natsServerForTests } from '../../../../test-support/nats';
import { connectToServer } from '../../../../workers/protocol/distributed/connection';
import {
  LOCAL_TASK_CONSUMER,
  RESULT_STREAM,
  SUBJECTS,
  TASK_CONSUMER,
  TASK_STREAM,
  WORKER_INBOX_PREFIX,
} from '../../../../workers/protocol/distributed/subjects';
import { ClusterWatch, type ClusterEvent } from './cluster-watch';
import { isLoopbackHost, joinCommand, startRoomServer, type RoomServer } from './room-server';

const binary = natsServerForTests();

function openssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Waits for the first status of a connection that is a permissions error, or null within `ms`. */
async function permissionError(nc: NatsConnection, ms = 1500): Promise<string | null> {
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), ms));
  const error = (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'error' && /Permissions Violation/.test(status.error.message))
        return status.error.message;
    }
    return null;
  })();
  return Promise.race([error, timeout]);
}

describe('room addresses', () => {
  it('knows loopback addresses, and quotes the join command for a shell', () => {
    expect(['127.0.0.1', 'localhost', '::1', '[::1]', '127.1.2.3'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '192.168.1.10', '::'].some(isLoopbackHost)).toBe(false);
    const room = {
      url: 'nats://192.168.1.10:4222',
      users: {
        instructor: { user: 'instructor', password: 'x' },
        attendee: { user: 'attendee', password: "it's" },
      },
    };
    expect(joinCommand(room, null)).toBe(
      `concurrency-lab worker --server nats://192.168.1.10:4222 --user attendee --password 'it'\\''s'`,
    );
    expect(joinCommand(room, '/etc/lab/cert.pem')).toMatch(/ --tls-ca \/etc\/lab\/cert\.pem$/);
  });
});

describe.skipIf(!binary)('a room server', () => {
  let room: RoomServer;
  let instructor: NatsConnection;
  const attendees: NatsConnection[] = [];

  const attendee = async (inboxPrefix = WORKER_INBOX_PREFIX): Promise<NatsConnection> => {
    const nc = await connect({
      servers: room.url.replace('nats://', ''),
      user: room.users.attendee.user,
      pass: room.users.attendee.password,
      inboxPrefix,
    });
    attendees.push(nc);
    return nc;
  };

  beforeAll(async () => {
    room = await startRoomServer({ binary: binary!, host: '127.0.0.1', port: 0, tls: null });
    instructor = await connectToServer(room.instructor, { name: 'test instructor', reconnect: 'briefly' });
    const watch = await ClusterWatch.start(room.instructor, '0.0.0-test', () => undefined);
    await watch.close(); // it made the streams and the consumer
    await jetstream(instructor).publish(SUBJECTS.tasks('run1'), new TextEncoder().encode('{"task":0}'));
  });

  afterAll(async () => {
    for (const nc of attendees) await nc.close();
    await instructor.close();
    await room.stop();
  });

  it('refuses a connection without the right password', async () => {
    await expect(connect({ servers: room.url.replace('nats://', '') })).rejects.toThrow(/Authorization/i);
    await expect(
      connect({ servers: room.url.replace('nats://', ''), user: 'attendee', pass: 'guess' }),
    ).rejects.toThrow(/Authorization/i);
  });

  it('lets an attendee pull a task, ack it, publish a result, say hello and beat', async () => {
    const nc = await attendee();
    const js = jetstream(nc);
    const consumer = await js.consumers.get(TASK_STREAM, TASK_CONSUMER);
    const task = await consumer.next({ expires: 2000 });
    expect(task?.string()).toBe('{"task":0}');
    task!.working();
    const ack = await js.publish(SUBJECTS.results('run1'), new TextEncoder().encode('{"result":0}'));
    expect(ack.stream).toBe(RESULT_STREAM);
    expect(await task!.ackAck()).toBe(true);
    nc.publish(SUBJECTS.heartbeat, new TextEncoder().encode('{}'));
    nc.publish(SUBJECTS.started('run1'), new TextEncoder().encode('{}'));
    expect(await permissionError(nc, 300)).toBeNull();
  });

  it('does not let an attendee pull the tasks that stay on the lab machine', async () => {
    await jetstream(instructor).publish(SUBJECTS.localTasks('run1'), new TextEncoder().encode('{"task":1}'));
    const nc = await attendee();
    const js = jetstream(nc);
    await expect(js.consumers.get(TASK_STREAM, LOCAL_TASK_CONSUMER)).rejects.toThrow(
      /Permissions Violation|timeout/i,
    );
    await expect(
      nc.request(`$JS.API.CONSUMER.MSG.NEXT.${TASK_STREAM}.${LOCAL_TASK_CONSUMER}`, undefined, {
        timeout: 1000,
      }),
    ).rejects.toThrow(/Permissions Violation|timeout/i);
    // The lab's own local workers (the instructor's user) do take it.
    const local = await jetstream(instructor).consumers.get(TASK_STREAM, LOCAL_TASK_CONSUMER);
    const task = await local.next({ expires: 2000 });
    expect(task?.string()).toBe('{"task":1}');
    expect(await task!.ackAck()).toBe(true);
  });

  it('does not let an attendee publish tasks', async () => {
    const nc = await attendee();
    await expect(
      jetstream(nc).publish(SUBJECTS.tasks('run1'), new TextEncoder().encode('{"evil":true}'), {
        timeout: 2000,
      }),
    ).rejects.toThrow(/Permissions Violation for Publish to "lab\.tasks\.run1"/);
    const info = await (await import('@nats-io/jetstream')).jetstreamManager(instructor);
    expect((await info.streams.info(TASK_STREAM)).state.messages).toBe(0);
  });

  it('does not let an attendee read results, by subscription or through the JetStream API', async () => {
    const nc = await attendee();
    const seen: string[] = [];
    const denied = new Promise<string>((resolve) =>
      nc.subscribe(SUBJECTS.allResults, {
        callback: (error, msg) => void (error ? resolve(error.message) : seen.push(msg.string())),
      }),
    );
    expect(await denied).toMatch(/Permissions Violation for Subscription to "lab\.results\.\*"/);
    await jetstream(instructor).publish(SUBJECTS.results('run2'), new TextEncoder().encode('secret'));
    // Nor by making a consumer of the result stream, or fetching a stored result directly.
    await expect(
      nc.request(`$JS.API.CONSUMER.CREATE.${RESULT_STREAM}`, new TextEncoder().encode('{}'), {
        timeout: 1000,
      }),
    ).rejects.toThrow(/Permissions Violation|timeout/i);
    await expect(
      nc.request(`$JS.API.STREAM.MSG.GET.${RESULT_STREAM}`, new TextEncoder().encode('{"seq":1}'), {
        timeout: 1000,
      }),
    ).rejects.toThrow(/Permissions Violation|timeout/i);
    await nc.flush();
    expect(seen).toEqual([]);
  });

  it("does not let an attendee listen to the instructor's inbox or delete the queue", async () => {
    const nc = await attendee();
    nc.subscribe('_INBOX.>');
    expect(await permissionError(nc)).toMatch(/Permissions Violation for Subscription to "_INBOX\.>"/);
    await expect(
      nc.request(`$JS.API.STREAM.DELETE.${TASK_STREAM}`, undefined, { timeout: 1000 }),
    ).rejects.toThrow(/Permissions Violation|timeout/i);
  });

  it('lists the workers that beat, and reports a refused worker', async () => {
    const events: ClusterEvent[] = [];
    const watch = await ClusterWatch.start(room.instructor, '0.0.0-test', (event) => events.push(event), 400);
    try {
      const nc = await attendee();
      const beat = {
        protocol: 1,
        labVersion: '0.0.0-test',
        workerId: 'wroom1',
        host: 'laptop-7',
        pid: 4242,
        cores: 8,
        platform: 'darwin',
        state: 'idle',
        running: 0,
        tasksDone: 0,
        sentAt: Date.now(),
      };
      nc.publish(SUBJECTS.heartbeat, new TextEncoder().encode(JSON.stringify(beat)));
      const reply = await nc.request(
        SUBJECTS.hello,
        new TextEncoder().encode(JSON.stringify({ ...beat, protocol: 7 })),
      );
      expect(JSON.parse(reply.string())).toMatchObject({ accepted: false });
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect(events.map((e) => e.kind)).toEqual(['joined', 'refused', 'lost']);
      expect(watch.list()).toMatchObject([{ host: 'laptop-7', pid: 4242, cores: 8, state: 'lost' }]);
    } finally {
      await watch.close();
    }
  });
});

describe.skipIf(!binary || !openssl())('a room server with TLS', () => {
  it('serves TLS with the given certificate, to clients that trust it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-tls-'));
    const certFile = join(dir, 'cert.pem');
    const keyFile = join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        keyFile,
        '-out',
        certFile,
      ],
      { stdio: 'ignore' },
    );
    const room = await startRoomServer({
      binary: binary!,
      host: '127.0.0.1',
      port: 0,
      tls: { certFile, keyFile },
    });
    try {
      expect(room.url).toMatch(/^tls:\/\/127\.0\.0\.1:\d+$/);
      const nc = await connectToServer(room.instructor, { name: 'tls test', reconnect: 'briefly' });
      expect(nc.info?.tls_required).toBe(true);
      await nc.close();
      // Without the certificate, the client does not trust the server.
      await expect(
        connectToServer(
          { ...room.instructor, tlsCaFile: undefined },
          { name: 'untrusting', reconnect: 'briefly' },
        ),
      ).rejects.toThrow(/certificate/i);
    } finally {
      await room.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
