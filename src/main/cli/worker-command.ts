/** `concurrency-lab worker`: this machine joins a lab as worker processes, through the lab's NATS server. */
import { availableParallelism } from 'node:os';
import { WorkerSupervisor } from '../engine/models/distributed/worker-supervisor';
import type { EngineOptions } from '../engine/run/run-session';
import type { ConnectionSettings } from '../../workers/protocol/distributed/connection';
import { remoteWorkerPolicy } from '../../workers/protocol/distributed/worker-host';
import type { CliIo } from './run-command';
import { connectionFromFlags, SERVER_FLAG_OPTIONS } from './server-flags';
import { parseFlags } from './cli-flags';
import { UsageError } from './usage-error';

export { parseServerFlag } from './server-flags';

/** The most worker processes one machine may start. */
const MAX_CONCURRENCY = 64;

/** `worker --help`. */
export const WORKER_HELP = `Usage: concurrency-lab worker --server nats://HOST:PORT [--user U --password P | --creds FILE]
                             [--concurrency N] [--tls-ca FILE]

Joins a lab as worker processes: each pulls tasks from the lab's NATS server, runs them and sends the
results back. Ctrl-C hands unfinished tasks back to the lab and leaves. Workers read no files of this
machine and send HTTP requests only to the lab's machine.

  --server URL      the lab's server, as "concurrency-lab cluster" printed it (nats://HOST:PORT, or
                    tls://HOST:PORT)
  --user U          the attendee user printed by "concurrency-lab cluster"
  --password P      its password
  --creds FILE      a NATS credentials file instead of a user and password
  --concurrency N   worker processes to start, 1 to ${MAX_CONCURRENCY} (default: one per core)
  --tls-ca FILE     trust this certificate (a room server with a self-signed certificate)
`;

/** Parsed worker flags. */
export interface WorkerOptions {
  readonly connection: ConnectionSettings;
  readonly concurrency: number;
  readonly help: boolean;
}

/** Parses worker flags, or throws a UsageError naming the flag and what is allowed. */
export function parseWorkerArgs(args: readonly string[], cores = availableParallelism()): WorkerOptions {
  const values = parseFlags(
    args,
    {
      ...SERVER_FLAG_OPTIONS,
      concurrency: { type: 'string', numeric: true, hint: `an integer from 1 to ${MAX_CONCURRENCY}` },
      help: { type: 'boolean', short: 'h' },
    },
    'worker',
  );
  const none: ConnectionSettings = { url: '', auth: { kind: 'none' } };
  if (values.help === true) return { connection: none, concurrency: 1, help: true };
  if (typeof values.server !== 'string')
    throw new UsageError(
      '--server is required: the address "concurrency-lab cluster" printed (nats://HOST:PORT)',
    );
  const connection = connectionFromFlags(
    values,
    'the attendee credentials "concurrency-lab cluster" printed',
  )!;
  const concurrencyText = typeof values.concurrency === 'string' ? values.concurrency : String(cores);
  const concurrency = /^\d+$/.test(concurrencyText) ? Number(concurrencyText) : NaN;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY)
    throw new UsageError(
      `--concurrency must be an integer from 1 to ${MAX_CONCURRENCY} (got "${concurrencyText}")`,
    );
  return { connection, concurrency, help: false };
}

/** Runs worker processes until Ctrl-C (or `stop`); 2 when the lab refused them, 1 when they could not join. */
export async function workerCommand(
  args: readonly string[],
  engine: EngineOptions,
  io: CliIo,
  stop?: AbortSignal,
): Promise<number> {
  const options = parseWorkerArgs(args, engine.cores);
  if (options.help) {
    io.stdout.write(WORKER_HELP);
    return 0;
  }
  const { url } = options.connection;
  const who = (worker: number, pid: number): string => `worker ${worker} (pid ${pid})`;
  const supervisor = new WorkerSupervisor({
    script: engine.hostScripts.distributedWorker,
    spawner: engine.spawner,
    connection: options.connection,
    count: options.concurrency,
    policy: remoteWorkerPolicy(url),
    events: {
      joined: (worker, pid) => io.stderr.write(`${who(worker, pid)} joined\n`),
      log: (worker, pid, line) => io.stderr.write(`${who(worker, pid)}: ${line}\n`),
      exited: (worker, pid, reason, restarting) =>
        io.stderr.write(`${who(worker, pid)} ${reason}${restarting ? '; starting another' : ''}\n`),
    },
  });
  const processes = `${options.concurrency} worker process${options.concurrency === 1 ? '' : 'es'}`;
  io.stderr.write(`joining the lab at ${url} with ${processes} (Ctrl-C to leave)\n`);
  supervisor.start();
  const leave = (): void => void supervisor.stop();
  process.once('SIGINT', leave);
  process.once('SIGTERM', leave);
  stop?.addEventListener('abort', leave, { once: true });
  try {
    const end = await supervisor.ended;
    if (end.kind === 'refused') {
      io.stderr.write(`concurrency-lab: refused by the lab at ${url}: ${end.reason}\n`);
      return 2;
    }
    if (end.kind === 'failed') {
      io.stderr.write(`concurrency-lab: could not join the lab at ${url}: ${end.reason}\n`);
      return 1;
    }
    io.stderr.write('left the lab\n');
    return 0;
  } finally {
    process.off('SIGINT', leave);
    process.off('SIGTERM', leave);
    stop?.removeEventListener('abort', leave);
  }
}
