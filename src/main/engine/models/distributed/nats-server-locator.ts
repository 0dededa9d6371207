/** Finds the `nats-server` binary, or says in one line how to get one or how to use a running server. */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Whether the lab can start its own NATS server, and where the binary is. */
export type NatsServerAvailability =
  | { readonly available: true; readonly path: string }
  | { readonly available: false; readonly reason: string };

/** Where to look besides PATH: Debian puts it in /usr/sbin, Homebrew in /opt/homebrew/bin or /usr/local/bin. */
const USUAL_DIRS = ['/usr/sbin', '/usr/local/bin', '/usr/bin', '/opt/homebrew/bin', '/usr/local/sbin'];

/** The one line shown when no binary is found. */
export const NATS_SERVER_MISSING =
  'nats-server is not installed: install it (Debian/Ubuntu: sudo apt install nats-server; macOS: brew install nats-server; ' +
  'Windows: winget install nats-server; or unzip a release from nats.io onto your PATH), ' +
  'or use a running server with --server nats://HOST:PORT';

/** Where to search and how to test a file; tests pass their own. */
export interface LocatorOptions {
  /** A path the user gave; it must be an executable file. */
  readonly explicitPath?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  readonly isExecutable?: (path: string) => boolean;
}

function executableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    if (process.platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Looks for nats-server: an explicit path, then $CONCURRENCY_LAB_NATS_SERVER, PATH and the usual folders. */
export function locateNatsServer(options: LocatorOptions = {}): NatsServerAvailability {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const isExecutable = options.isExecutable ?? executableFile;
  const explicit = options.explicitPath ?? env.CONCURRENCY_LAB_NATS_SERVER;
  if (explicit) {
    return isExecutable(explicit)
      ? { available: true, path: explicit }
      : { available: false, reason: `${explicit} is not an executable nats-server; ${NATS_SERVER_MISSING}` };
  }
  const name = platform === 'win32' ? 'nats-server.exe' : 'nats-server';
  const pathDirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : delimiter).filter(Boolean);
  const extraDirs =
    platform === 'win32'
      ? [env.LOCALAPPDATA ? join(env.LOCALAPPDATA, 'Microsoft', 'WinGet', 'Links') : '']
      : USUAL_DIRS;
  for (const dir of [...pathDirs, ...extraDirs]) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return { available: true, path: candidate };
  }
  return { available: false, reason: NATS_SERVER_MISSING };
}
