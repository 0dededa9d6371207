/** `concurrency-lab serve`: the app in a browser (browser mode), on this machine by default. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../engine/history/history-location';
import { openHistory } from '../engine/history/open-history';
import { createLabService } from '../engine/lab-service';
import type { EngineOptions } from '../engine/run/run-session';
import { isLoopback, startBrowserServer } from '../server/browser-server';
import { openInBrowser } from './open-browser';
import { DEFAULT_LOG_PATH } from './parse-run-args';
import type { CliIo } from './run-command';
import { UsageError } from './usage-error';

/** `serve --help`. */
export const SERVE_HELP = `Usage: concurrency-lab serve [--port N] [--host 127.0.0.1] [--token T] [--open]

Serves the app to a browser and prints its URL as the first line. Everything runs on this machine;
Ctrl-C stops the server and every worker and process.

  --port N      port to listen on, 0 to 65535 (default 0: any free port)
  --host H      address to bind (default 127.0.0.1). Any other than loopback requires --token
  --token T     secret every connection must present (16 to 128 letters, digits, - or _);
                the printed URL carries it
  --open        also open the URL in the default browser
  --log FILE    append one line per model of every run (default logs/concurrency_results.log)

Finished runs are kept in the history at ~/.config/Concurrency Lab/run-history.sqlite (the
desktop app's data folder; set CONCURRENCY_LAB_DATA_DIR to use another).
`;

const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

/** Parsed serve flags. */
export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  readonly token: string | null;
  readonly open: boolean;
  /** Every finished run appends one line per model here, as the CLI does. */
  readonly log: string;
  readonly help: boolean;
}

/** Parses serve flags, or throws a UsageError naming the flag and what is allowed. */
export function parseServeArgs(args: readonly string[]): ServeOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        token: { type: 'string' },
        open: { type: 'boolean' },
        log: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    const flag = /(--[\w-]+)/.exec(error instanceof Error ? error.message : '')?.[1];
    throw new UsageError(
      flag
        ? `${flag} is not a serve flag or needs a value (see: concurrency-lab serve --help)`
        : String(error),
    );
  }
  const portText = typeof values.port === 'string' ? values.port : '0';
  const port = /^\d+$/.test(portText) ? Number(portText) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be an integer from 0 to 65535 (got "${portText}")`);
  const host = typeof values.host === 'string' ? values.host.trim() : '127.0.0.1';
  if (host === '') throw new UsageError('--host needs an address, e.g. 127.0.0.1');
  const token = typeof values.token === 'string' ? values.token : null;
  if (token !== null && !TOKEN.test(token))
    throw new UsageError('--token must be 16 to 128 letters, digits, - or _');
  if (!isLoopback(host) && token === null) {
    throw new UsageError(
      `--host ${host} is reachable from other machines: pass --token with a secret (16+ characters) as well`,
    );
  }
  const log = typeof values.log === 'string' ? values.log : DEFAULT_LOG_PATH;
  if (log.trim() === '') throw new UsageError('--log needs a file path');
  return { port, host, token, open: values.open === true, log, help: values.help === true };
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
  if (!existsSync(join(rendererDir, 'index.html')))
    throw new Error(`the app is not built (${rendererDir} is missing): run "npm run build"`);
  const dataDir = defaultDataDir();
  const history = await openHistory(dataDir);
  if (history.notice) io.stderr.write(`${history.notice}\n`);
  const service = createLabService({
    engine: { ...engine, callingThread: 'dedicated' },
    store: history.store,
    historyNotice: history.notice,
    logFile: resolve(options.log),
  });
  let server;
  try {
    server = await startBrowserServer({
      service,
      rendererDir,
      host: options.host,
      port: options.port,
      token: options.token,
    });
  } catch (error) {
    await service.close();
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE')
      throw new UsageError(`--port ${options.port} is in use: choose another, or 0 for any free port`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
      throw new UsageError(`--host ${options.host} is not an address of this machine`);
    throw error;
  }
  io.stdout.write(`${server.url}\n`);
  io.stderr.write(`Concurrency Lab is running in browser mode. Open ${server.url} — Ctrl-C to stop.\n`);
  if (options.open && !(await openInBrowser(server.url)))
    io.stderr.write('(no default browser found: open the URL yourself)\n');
  const running = server;
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  io.stderr.write('stopping…\n');
  await running.close();
  await service.close();
  return 0;
}
