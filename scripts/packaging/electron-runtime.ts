/**
 * Finds Electron's runtime for packaging without the network: an `ELECTRON_DIST` folder or zip, the
 * binary `npm start` fetched into node_modules/electron/dist, or a zip in the Electron cache
 * (`ELECTRON_CACHE`, else the default cache), checked against the checksums the electron package ships.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Where to look, and for which Electron. */
export interface ElectronLookup {
  readonly projectDir: string;
  readonly version: string;
  readonly platform: NodeJS.Platform;
  readonly arch: string;
  readonly env: NodeJS.ProcessEnv;
  readonly home: string;
  /** SHA-256 per Electron zip name; by default node_modules/electron/checksums.json. */
  readonly checksums?: Readonly<Record<string, string>>;
}

/** An Electron distribution found on this machine, or why there is none. */
export type ElectronRuntime =
  | { readonly found: true; readonly path: string; readonly from: string }
  | { readonly found: false; readonly reason: string };

/** The folder @electron/get (used by Electron's installer and electron-builder) caches zips in by default. */
export function defaultElectronCache(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  home: string,
): string {
  if (platform === 'darwin') return join(home, 'Library/Caches/electron');
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData/Local'), 'electron/Cache');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'electron');
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function installedBinary(lookup: ElectronLookup): string | null {
  // npm's electron package fetches the binary for the machine it runs on, into dist/.
  if (lookup.platform !== process.platform || lookup.arch !== process.arch) return null;
  const electronDir = join(lookup.projectDir, 'node_modules/electron');
  try {
    const version = readFileSync(join(electronDir, 'dist/version'), 'utf8').trim().replace(/^v/, '');
    const binary = join(electronDir, 'dist', readFileSync(join(electronDir, 'path.txt'), 'utf8').trim());
    return version === lookup.version && existsSync(binary) ? join(electronDir, 'dist') : null;
  } catch {
    return null;
  }
}

/** A cached zip: at the cache root, or in one of @electron/get's per-mirror hashed folders. */
function cachedZip(cacheRoot: string, zipName: string): string[] {
  if (!existsSync(cacheRoot) || !statSync(cacheRoot).isDirectory()) return [];
  const candidates = [join(cacheRoot, zipName)];
  for (const entry of readdirSync(cacheRoot, { withFileTypes: true }))
    if (entry.isDirectory()) candidates.push(join(cacheRoot, entry.name, zipName));
  return candidates.filter((path) => existsSync(path));
}

/** Finds an Electron distribution for `lookup`'s platform and architecture, without downloading. */
export function findElectronRuntime(lookup: ElectronLookup): ElectronRuntime {
  const { env, version, platform, arch } = lookup;
  if (env.ELECTRON_DIST) {
    return existsSync(env.ELECTRON_DIST)
      ? { found: true, path: env.ELECTRON_DIST, from: 'ELECTRON_DIST' }
      : { found: false, reason: `ELECTRON_DIST=${env.ELECTRON_DIST} does not exist` };
  }
  const installed = installedBinary(lookup);
  if (installed) return { found: true, path: installed, from: 'node_modules/electron/dist' };
  const zipName = `electron-v${version}-${platform}-${arch}.zip`;
  const checksums =
    lookup.checksums ??
    (JSON.parse(
      readFileSync(join(lookup.projectDir, 'node_modules/electron/checksums.json'), 'utf8'),
    ) as Record<string, string>);
  const caches = [
    ...new Set(
      [
        env.ELECTRON_CACHE,
        env.electron_config_cache,
        defaultElectronCache(process.platform, env, lookup.home),
      ].filter((dir): dir is string => Boolean(dir)),
    ),
  ];
  const rejected: string[] = [];
  for (const cache of caches) {
    for (const zip of cachedZip(cache, zipName)) {
      if (sha256(zip) === checksums[zipName]) return { found: true, path: zip, from: cache };
      rejected.push(zip);
    }
  }
  const looked = ['ELECTRON_DIST (not set)', 'node_modules/electron/dist', ...caches].join(', ');
  const mismatch = rejected.length > 0 ? `; ignored ${rejected.join(', ')} (checksum does not match)` : '';
  return {
    found: false,
    reason: `Electron ${version}'s runtime for ${platform}-${arch} is not on this machine (looked in ${looked}${mismatch})`,
  };
}
