/** `concurrency-lab serve`: the app in a browser (browser mode), on this machine by default. */
import { collectOnOwnThread, MinorCollections } from '../server/serving-gc';
import { lowerModelsOfThisProcess } from '../../workers/protocol/model-priority';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultDataDir } from '../engine/history/history-location';
import { openHistory } from '../engine/history/open-history';
import { createLabService } from '../engine/lab-service';
import type { EngineOptions } from '../engine/run/run-session';
import { DEFAULT_MAX_CLIENTS, startBrowserServer, type BrowserServer } from '../server/browser-server';
import { isLoopbackHost } from '../server/host-guard';
import { terminalQr } from '../server/join-links';
import { generateToken, TOKEN_PATTERN, type RoomTokens } from '../server/room-auth';
import { openInBrowser } from './open-browser';
import { DEFAULT_LOG_PATH } from './parse-run-args';
import type { CliIo } from './run-command';
import { parseFlags, quoted, shortened } from './cli-flags';
import { assertWritable } from './output-paths';
import { UsageError } from './usage-error';

/** `serve --help`. */
export const SERVE_HELP = `Usage: concurrency-lab serve [--port N] [--host 127.0.0.1] [--token T] [--attendee-token T]
                            [--max-clients N] [--open] [--log FILE] [--python PATH]

Serves the app to a browser and prints its URL as the first line. Everything runs on this machine;
Ctrl-C stops the server and every worker and process.

A workshop room: concurrency-lab serve --host 0.0.0.0
  Off this machine every window needs a token. Two are made for the session and printed: the
  instructor's link (first line: keep it to yourself) and the attendees' join link (second line,
  with a QR code). The instructor runs, cancels and changes knobs; attendees follow the instructor's
  screen live, read and export, and cannot start or cancel anything on the shared machine.

  --port N             port to listen on, 0 to 65535 (default 0: any free port)
  --host H             address to bind (default 127.0.0.1); 0.0.0.0 for a room. Any address but
                       loopback (127.0.0.0/8, ::1, localhost) requires tokens, made when not given
  --token T            the instructor's secret (16 to 128 letters, digits, - or _); also makes a room
                       on loopback
  --attendee-token T   the attendees' secret, the same rules (default: one is made)
  --max-clients N      windows at once, 1 to 10000 (default 200; instructors always get 4 more)
  --open               also open the instructor's page in the default browser
  --log FILE           append one line per model of every run (default logs/concurrency_results.log)
  --python PATH        the interpreter the py-* models run on (default: $CONCURRENCY_LAB_PYTHON, else
                       python3, then python, on PATH)

Finished runs are kept in the history at ~/.config/Concurrency Lab/run-history.sqlite (the
desktop app's data folder; set CONCURRENCY_LAB_DATA_DIR to use another).
`;

/** Parsed serve flags. */
export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  /** The room's tokens, made when the flags leave them out; null for a loopback server without a room. */
  readonly tokens: RoomTokens | null;
  /** Whether the tokens were made here (and so change at every start). */
  readonly tokensGenerated: boolean;
  readonly maxClients: number;
  readonly open: boolean;
  /** Every finished run appends one line per model here, as the CLI does. */
  readonly log: string;
  /** The interpreter the Python models use; null leaves it to CONCURRENCY_LAB_PYTHON or PATH. */
  readonly python: string | null;
  readonly help: boolean;
}

function integerFlag(
  flag: string,
  text: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (text === undefined) return fallback;
  const value = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(value) || value < min || value > max)
    throw new UsageError(`--${flag} must be an integer from ${min} to ${max} (got ${quoted(text)})`);
  return value;
}

function tokenFlag(flag: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  if (!TOKEN_PATTERN.test(value)) throw new UsageError(`--${flag} must be 16 to 128 letters, digits, - or _`);
  return value;
}

/** Parses serve flags, or throws a UsageError naming the flag and what is allowed. */
export function parseServeArgs(args: readonly string[]): ServeOptions {
  const values = parseFlags(
    args,
    {
      port: { type: 'string', numeric: true, hint: 'an integer from 0 to 65535' },
      host: { type: 'string' },
      token: { type: 'string' },
      'attendee-token': { type: 'string' },
      'max-clients': { type: 'string', numeric: true, hint: 'an integer from 1 to 10000' },
      open: { type: 'boolean' },
      log: { type: 'string' },
      python: { type: 'string', hint: 'the path of a Python interpreter' },
      help: { type: 'boolean', short: 'h' },
    },
    'serve',
  );
  const text = (key: string): string | undefined => {
    const value = values[key];
    return typeof value === 'string' ? value : undefined;
  };
  const port = integerFlag('port', text('port'), 0, 0, 65535);
  const host = text('host')?.trim() ?? '127.0.0.1';
  if (host === '') throw new UsageError('--host needs an address, e.g. 127.0.0.1');
  const instructor = tokenFlag('token', text('token'));
  const attendee = tokenFlag('attendee-token', text('attendee-token'));
  if (instructor !== null && instructor === attendee)
    throw new UsageError(
      "--attendee-token must differ from --token: attendees must not get the instructor's role",
    );
  // "Loopback" is a parsed loopback address: 127.0.0.1.example is a name anyone's DNS may point anywhere.
  const room = !isLoopbackHost(host) || instructor !== null || attendee !== null;
  const tokens = room
    ? { instructor: instructor ?? generateToken(), attendee: attendee ?? generateToken() }
    : null;
  const log = text('log') ?? DEFAULT_LOG_PATH;
  if (log.trim() === '') throw new UsageError('--log needs a file path');
  const python = text('python') ?? null;
  if (python !== null && python.trim() === '')
    throw new UsageError('--python needs the path of a Python interpreter');
  return {
    port,
    host,
    tokens,
    tokensGenerated: room && (instructor === null || attendee === null),
    maxClients: integerFlag('max-clients', text('max-clients'), DEFAULT_MAX_CLIENTS, 1, 10_000),
    open: values.open === true,
    log,
    python,
    help: values.help === true,
  };
}

/** Runs browser mode until SIGINT or SIGTERM. */
export async function serveCommand(
  args: readonly string[],
  engine: EngineOptions,
  rendererDir: string,
  io: CliIo,
): Promise<number> {
  const options = parseServeArgs(args);
  if (options.help) {
    io.stdout.write(SERVE_HELP);
    return 0;
  }
  await assertWritable([{ flag: '--log', path: options.log }]);
  if (!existsSync(join(rendererDir, 'index.html')))
    throw new Error(`the app is not built (${rendererDir} is missing): run "npm run build"`);
  // This process serves a room while runs keep the cores busy: no GC pause may wait for a core,
  // and no turn for a model's thread (workers/protocol/model-priority).
  collectOnOwnThread();
  lowerModelsOfThisProcess();
  const dataDir = defaultDataDir();
  const history = await openHistory(dataDir);
  if (history.notice) io.stderr.write(`${history.notice}\n`);
  const service = createLabService({
    engine: { ...engine, callingThread: 'dedicated', ...(options.python ? { python: options.python } : {}) },
    store: history.store,
    historyNotice: history.notice,
    logFile: resolve(options.log),
  });
  // While a run or a lesson goes on, the young generation is collected in small doses (serving-gc).
  const collections = new MinorCollections();
  const unsubscribe = service.subscribe((event) => {
    if (event.event === 'run:progress' || event.event === 'lesson:progress') collections.busy();
  });
  let server: BrowserServer;
  try {
    server = await startBrowserServer({
      service,
      rendererDir,
      host: options.host,
      port: options.port,
      tokens: options.tokens,
      maxClients: options.maxClients,
      onDrop: (caller, reason) =>
        io.stderr.write(`dropped window ${caller.clientId} (${caller.role}): ${reason}\n`),
    });
  } catch (error) {
    unsubscribe();
    collections.stop();
    await service.close();
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE')
      throw new UsageError(`--port ${options.port} is in use: choose another, or 0 for any free port`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
      throw new UsageError(`--host ${shortened(options.host)} is not an address of this machine`);
    throw error;
  }
  // Ctrl-C and SIGTERM stop it cleanly from the moment it says where it is.
  const stopped = new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  io.stdout.write(`${server.url}\n`);
  if (server.join) {
    io.stdout.write(`${server.join.url}\n`);
    io.stderr.write(
      [
        `Concurrency Lab is serving a room (browser mode) — Ctrl-C to stop.`,
        `  Instructor: the first line above. Keep it to yourself: it runs and cancels on this machine.`,
        `  Attendees join: ${server.join.url}`,
        ...server.join.otherUrls.map((url) => `             or: ${url}`),
        terminalQr(server.join.qr),
        `  At most ${options.maxClients} windows.${options.tokensGenerated ? ' Tokens were made for this session: pass --token and --attendee-token to keep links across restarts.' : ''}`,
        '',
      ].join('\n'),
    );
  } else {
    io.stderr.write(`Concurrency Lab is running in browser mode. Open ${server.url} — Ctrl-C to stop.\n`);
  }
  if (options.open && !(await openInBrowser(server.url)))
    io.stderr.write('(no default browser found: open the URL yourself)\n');
  await stopped;
  io.stderr.write('stopping…\n');
  unsubscribe();
  collections.stop();
  await server.close();
  await service.close();
  return 0;
}
