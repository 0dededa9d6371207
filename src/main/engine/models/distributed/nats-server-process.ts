/**
 * A nats-server the lab starts and stops: a temporary folder holds its configuration and JetStream store,
 * the server picks a free port, and the lab knows it is ready when it says so on stderr. Stopping it
 * (or its death) removes the folder. nats-server is a binary, not a Node module, so it is spawned here
 * rather than through the ProcessSpawner.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CancelledError } from '../../errors';
import { describeExit, tailCollector } from '../process-spawner';
import { natsServerConfig, type NatsServerSettings } from './nats-server-config';
import { SERVER_DIR_PREFIX, recordOwner, sweepOrphanedServers } from './orphan-servers';

/** A running nats-server. */
export interface NatsServerProcess {
  /** The URL clients on this machine connect to (nats://127.0.0.1:PORT for a wildcard bind). */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly pid: number;
  /** Called once if the server ends on its own (it crashed, or was killed), with how it ended. */
  onExit(listener: (reason: string) => void): void;
  /** Stops the server (SIGTERM, then SIGKILL after a grace period) and removes its folder. */
  stop(): Promise<void>;
}

/** How to start one. */
export interface StartNatsServerOptions extends Partial<Omit<NatsServerSettings, 'storeDir'>> {
  readonly binary: string;
  /** Where the temporary folder is made; the OS temp folder by default. */
  readonly tempRoot?: string;
  readonly startTimeoutMs?: number;
  /** How long a stop waits for a clean exit before SIGKILL. */
  readonly stopGraceMs?: number;
  readonly signal?: AbortSignal;
}

const LISTENING = /Listening for client connections on (\S+):(\d+)/;
const READY = /Server is ready/;

/** The address clients on this machine use for a bind address. */
export function connectHost(bindHost: string): string {
  if (bindHost === '0.0.0.0' || bindHost === '' || bindHost === '::' || bindHost === '[::]')
    return '127.0.0.1';
  return bindHost.includes(':') && !bindHost.startsWith('[') ? `[${bindHost}]` : bindHost;
}

/** Starts nats-server with JetStream on an ephemeral (or given) port; resolves once it is ready. */
export async function startNatsServer(options: StartNatsServerOptions): Promise<NatsServerProcess> {
  if (options.signal?.aborted) throw new CancelledError();
  const tempRoot = options.tempRoot ?? tmpdir();
  await sweepOrphanedServers(tempRoot);
  const dir = await mkdtemp(join(tempRoot, SERVER_DIR_PREFIX));
  const settings: NatsServerSettings = {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    storeDir: join(dir, 'store'),
    users: options.users ?? null,
    tls: options.tls ?? null,
  };
  const configPath = join(dir, 'nats-server.json');
  // The file may hold passwords: readable by this user only (the folder from mkdtemp is 0700 too).
  await writeFile(configPath, JSON.stringify(natsServerConfig(settings), null, 2), { mode: 0o600 });
  let ownerRecorded: Promise<void> = Promise.resolve();
  const removeDir = async (): Promise<void> => {
    await ownerRecorded; // never remove the folder while the owner file is being written into it
    await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }).catch(() => undefined);
  };

  const child = spawn(options.binary, ['-c', configPath], {
    stdio: ['ignore', 'ignore', 'pipe'],
    windowsHide: true,
  });
  // Whoever starts the next private server stops this one if this process dies without stopping it.
  ownerRecorded = recordOwner(dir, child.pid).catch(() => undefined);
  const stderr = tailCollector();
  let exitReason: string | null = null;
  let stopping = false;
  const exitListeners: ((reason: string) => void)[] = [];
  let spawnError: Error | null = null;
  const exited = new Promise<void>((resolve) => {
    const ended = (reason: string): void => {
      if (exitReason !== null) return;
      exitReason = reason;
      if (!stopping) for (const listener of exitListeners) listener(reason);
      void removeDir().then(resolve);
    };
    child.once('close', (code, signal) => ended(describeServerExit(code, signal, stderr.text())));
    // A binary that cannot be run emits 'error' and may never emit 'close'.
    child.once('error', (error) => {
      spawnError = error;
      ended(`could not be started (${error.message})`);
    });
  });

  let pending = '';
  let host = settings.host;
  let port = 0;
  const ready = new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr.push(chunk);
      if (port > 0 && pending === '') return;
      pending += chunk.toString();
      const listening = LISTENING.exec(pending);
      if (listening) {
        host = listening[1]!;
        port = Number(listening[2]);
      }
      if (port > 0 && READY.test(pending)) {
        pending = '';
        resolve();
      }
    });
    void exited.then(() =>
      reject(
        spawnError
          ? new Error(`could not start ${options.binary}: ${spawnError.message}`)
          : new Error(`nats-server ${exitReason ?? 'exited'} before it was ready`),
      ),
    );
  });
  ready.catch(() => undefined); // observed by the race below

  const stop = async (): Promise<void> => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const grace = setTimeout(() => child.kill('SIGKILL'), options.stopGraceMs ?? 300);
      await exited;
      clearTimeout(grace);
    }
    await exited;
  };

  const timeoutMs = options.startTimeoutMs ?? 10_000;
  let timer: NodeJS.Timeout | undefined;
  let onAbort = (): void => undefined;
  try {
    await Promise.race([
      ready,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`nats-server did not become ready within ${timeoutMs} ms`)),
          timeoutMs,
        );
      }),
      new Promise<never>((_, reject) => {
        onAbort = () => reject(new CancelledError());
        options.signal?.addEventListener('abort', onAbort, { once: true });
      }),
    ]);
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }

  return {
    url: `nats://${connectHost(host)}:${port}`,
    host,
    port,
    pid: child.pid!,
    onExit(listener) {
      if (exitReason !== null && !stopping) listener(exitReason);
      else exitListeners.push(listener);
    },
    stop,
  };
}

/** How the server ended, with its last fatal or error log line (without the "[pid] date time" prefix). */
function describeServerExit(code: number | null, signal: string | null, log: string): string {
  if (signal) return describeExit({ code, signal, stderrTail: '' });
  const lines = log.split('\n').map((line) => line.replace(/^\[\d+\] \S+ \S+ /, '').trim());
  const fatal = lines.filter((line) => /^\[(FTL|ERR)\]/.test(line)).at(-1);
  return `exited with code ${code ?? 'unknown'}${fatal ? ` (${fatal.slice(0, 300)})` : ''}`;
}
