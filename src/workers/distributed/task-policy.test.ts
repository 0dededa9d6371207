import { describe, expect, it } from 'vitest';
import type { TaskMessage } from '../protocol/distributed/messages';
import { LOCAL_WORKER_POLICY, remoteWorkerPolicy } from '../protocol/distributed/worker-host';
import { taskRefusal } from './task-policy';

function task(workload: TaskMessage['workload'], input: unknown): TaskMessage {
  return { v: 1, runId: 'run', task: 0, workload, input, ackWaitMs: 1000, publishedAt: 0 };
}

describe('what a worker agrees to run', () => {
  it("runs everything for the lab's own local workers", () => {
    expect(taskRefusal(task('count-words', { path: '/tmp/corpus/1.txt' }), LOCAL_WORKER_POLICY)).toBeNull();
    expect(
      taskRefusal(task('http-get', { url: 'http://10.0.0.9/x', id: 0 }), LOCAL_WORKER_POLICY),
    ).toBeNull();
  });

  it('reads no files on a machine that joined, and says where the files are', () => {
    expect(
      taskRefusal(
        task('count-words', { path: '/home/attendee/.ssh/id_rsa' }),
        remoteWorkerPolicy('nats://192.168.1.10:4222'),
      ),
    ).toMatch(/^this worker reads no files: the text files of cpu-wordcount are on the lab machine/);
  });

  it("sends HTTP requests only to the lab machine's host", () => {
    const policy = remoteWorkerPolicy('nats://192.168.1.10:4222');
    expect(
      taskRefusal(task('http-get', { url: 'http://192.168.1.10:8080/delay?id=1', id: 1 }), policy),
    ).toBeNull();
    expect(taskRefusal(task('http-get', { url: 'http://192.168.1.1/admin', id: 1 }), policy)).toMatch(
      /only to the lab machine \(192\.168\.1\.10\), not to 192\.168\.1\.1$/,
    );
    expect(taskRefusal(task('http-get', { url: 42, id: 1 }), policy)).toMatch(/not to a malformed URL$/);
    // A lab on loopback: a worker on the same machine may reach any loopback name of it.
    const loopback = remoteWorkerPolicy('tls://127.0.0.1:4222');
    expect(taskRefusal(task('http-get', { url: 'http://localhost:9000/x', id: 2 }), loopback)).toBeNull();
  });

  it('runs the pure computing workloads anywhere', () => {
    expect(
      taskRefusal(task('count-primes', { start: 1, end: 10 }), remoteWorkerPolicy('nats://lab:4222')),
    ).toBeNull();
  });
});
