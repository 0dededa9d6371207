/** `concurrency-lab cluster`: a NATS server for a room, the command attendees type to join, and who joined. */
import { existsSync } from 'node:fs';
import { ClusterWatch, type ClusterEvent } from '../engine/models/distributed/cluster-watch';
import { locateNatsServer } from '../engine/models/distributed/nats-server-locator';
import {
  isLoopbackHost,
  joinCommand,
  startRoomServer,
  type RoomServer,
} from '../engine/models/distributed/room-server';
import type { WorkerInfo } from '../engine/models/distributed/worker-roster';
import type { CliIo } from './run-command';
import { parseFlags } from './cli-flags';
import { UsageError } from './usage-error';

/** The port NATS servers use unless told otherwise. */
const NATS_PORT = 4222;

/** `cluster --help`. */
export const CLUSTER_HELP = `Usage: concurrency-lab cluster [--host 127.0.0.1] [--port ${NATS_PORT}] [--tls-cert FILE --tls-key FILE]
                              [--nats-server PATH]

Starts a NATS server (with JetStream) for a room and prints, as its first line, the command attendees
type to join as workers. Every connection needs a password: attendees get one that only lets their
workers pull tasks and send results; the lab connects as the instructor. Lists workers as they join
and leave; Ctrl-C stops the server.

  --host H           address to bind (default 127.0.0.1: this machine only; 0.0.0.0 or this machine's
                     LAN address lets attendees join)
  --port N           port, 0 to 65535 (default ${NATS_PORT}; 0: any free port)
  --tls-cert FILE    serve TLS with this certificate (give --tls-key too); attendees need a copy of it
  --tls-key FILE     the certificate's private key
  --nats-server PATH the nats-server binary to run (default: found on PATH or in the usual folders)
`;

/** Parsed cluster flags. */
export interface ClusterOptions {
  readonly host: string;
  readonly port: number;
  readonly tls: { readonly certFile: string; readonly keyFile: string } | null;
  readonly natsServer: string | null;
  readonly help: boolean;
}

/** Parses cluster flags, or throws a UsageError naming the flag and what is allowed. */
export function parseClusterArgs(args: readonly string[]): ClusterOptions {
  const values = parseFlags(
    args,
    {
      host: { type: 'string', hint: 'an address, e.g. 127.0.0.1 or 0.0.0.0' },
      port: { type: 'string', numeric: true, hint: 'an integer from 0 to 65535' },
      'tls-cert': { type: 'string', hint: 'a certificate file' },
      'tls-key': { type: 'string', hint: "the certificate's private key file" },
      'nats-server': { type: 'string', hint: 'the nats-server binary' },
      help: { type: 'boolean', short: 'h' },
    },
    'cluster',
  );
  const portText = typeof values.port === 'string' ? values.port : String(NATS_PORT);
  const port = /^\d+$/.test(portText) ? Number(portText) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be an integer from 0 to 65535 (got "${portText}")`);
  const host = typeof values.host === 'string' ? values.host.trim() : '127.0.0.1';
  if (host === '') throw new UsageError('--host needs an address, e.g. 127.0.0.1 or 0.0.0.0');
  const certFile = values['tls-cert'];
  const keyFile = values['tls-key'];
  if ((typeof certFile === 'string') !== (typeof keyFile === 'string'))
    throw new UsageError('--tls-cert and --tls-key go together: the certificate and its private key');
  for (const [flag, file] of [
    ['--tls-cert', certFile],
    ['--tls-key', keyFile],
    ['--nats-server', values['nats-server']],
  ] as const) {
    if (typeof file === 'string' && !existsSync(file)) throw new UsageError(`${flag}: no file at ${file}`);
  }
  return {
    host,
    port,
    tls: typeof certFile === 'string' ? { certFile, keyFile: keyFile as string } : null,
    natsServer: typeof values['nats-server'] === 'string' ? values['nats-server'] : null,
    help: values.help === true,
  };
}

function describeWorker(worker: WorkerInfo): string {
  return `${worker.host} pid ${worker.pid} (${worker.cores} cores, Concurrency Lab ${worker.labVersion})`;
}

function describeEvent(event: ClusterEvent): string {
  switch (event.kind) {
    case 'joined':
      return `+ ${describeWorker(event.worker)} joined`;
    case 'left':
      return `- ${describeWorker(event.worker)} left`;
    case 'lost':
      return `! ${describeWorker(event.worker)} is silent: lost`;
    case 'back':
      return `+ ${describeWorker(event.worker)} is back`;
    case 'refused':
      return `! ${event.line}`;
  }
}

async function startRoom(options: ClusterOptions, binary: string): Promise<RoomServer> {
  try {
    return await startRoomServer({ binary, host: options.host, port: options.port, tls: options.tls });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/address already in use/i.test(message))
      throw new UsageError(`--port ${options.port} is in use: choose another, or 0 for any free port`);
    if (/cannot assign requested address|no such host|lookup/i.test(message))
      throw new UsageError(`--host ${options.host} is not an address of this machine`);
    throw error;
  }
}

/** Runs the room server until Ctrl-C (or `stop`). */
export async function clusterCommand(
  args: readonly string[],
  labVersion: string,
  io: CliIo,
  stop?: AbortSignal,
): Promise<number> {
  const options = parseClusterArgs(args);
  if (options.help) {
    io.stdout.write(CLUSTER_HELP);
    return 0;
  }
  const found = locateNatsServer(options.natsServer ? { explicitPath: options.natsServer } : {});
  if (!found.available) throw new UsageError(found.reason);
  const room = await startRoom(options, found.path);
  let watch: ClusterWatch;
  try {
    watch = await ClusterWatch.start(room.instructor, labVersion, (event) =>
      io.stderr.write(`${describeEvent(event)}\n`),
    );
  } catch (error) {
    await room.stop();
    throw error;
  }
  io.stdout.write(`${joinCommand(room, options.tls?.certFile ?? null)}\n`);
  const reach = isLoopbackHost(options.host)
    ? 'this machine only (--host 0.0.0.0 lets attendees on the network join)'
    : 'reachable from the network';
  io.stderr.write(
    [
      `Room server ${room.url}: ${reach}.`,
      `Attendees join with the command above${options.tls ? `, with a copy of ${options.tls.certFile}` : ''}.`,
      `The lab connects as user "${room.users.instructor.user}", password ${room.users.instructor.password} (keep it to yourself).`,
      'Ctrl-C stops the server.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      stop?.removeEventListener('abort', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
    stop?.addEventListener('abort', done, { once: true });
  });
  io.stderr.write('stopping…\n');
  await watch.close();
  await room.stop();
  return 0;
}
