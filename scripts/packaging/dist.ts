/**
 * `npm run dist [-- --dir] [-- --arch x64|arm64] [-- --download]`: builds this platform's installers
 * into dist/ with electron-builder.config.ts. Electron's runtime comes from ELECTRON_DIST, the binary
 * `npm start` fetched, or the Electron cache (ELECTRON_CACHE); `--download` lets electron-builder fetch
 * it where there is internet. Without it, one line says so and nothing is built. Everything is built
 * in dist/.staging and moved into dist/ only when the whole build succeeded.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { archFromString, Platform, type Arch } from 'electron-builder';
import { findElectronRuntime } from './electron-runtime';
import { electronVersion, packApp, projectDir } from './pack-app';

const distDir = join(projectDir, 'dist');
const stagingDir = join(distDir, '.staging');
/** electron-builder's own logs of a build, not artifacts. */
const BUILD_LOGS = new Set(['builder-debug.yml', 'builder-effective-config.yaml']);

function fail(message: string, code = 1): never {
  console.error(`npm run dist: ${message}`);
  process.exit(code);
}

function options(): { dir: boolean; arch: string; download: boolean } {
  try {
    const { values } = parseArgs({
      options: {
        dir: { type: 'boolean', default: false },
        arch: { type: 'string', default: process.arch },
        download: { type: 'boolean', default: false },
      },
    });
    return { dir: values.dir, arch: values.arch, download: values.download };
  } catch (error) {
    return fail(
      `${error instanceof Error ? error.message : String(error)} (options: --dir, --arch ARCH, --download)`,
      2,
    );
  }
}

async function moveArtifacts(): Promise<string[]> {
  const moved: string[] = [];
  for (const name of await readdir(stagingDir)) {
    if (BUILD_LOGS.has(name)) continue;
    await rm(join(distDir, name), { recursive: true, force: true });
    await rename(join(stagingDir, name), join(distDir, name));
    moved.push(relative(process.cwd(), join(distDir, name)));
  }
  return moved;
}

async function main(): Promise<void> {
  const { dir, arch, download } = options();
  let electronArch: Arch;
  try {
    electronArch = archFromString(arch);
  } catch {
    fail(`--arch ${arch} is not an architecture Electron ships (x64, arm64, ia32, armv7l)`, 2);
  }
  if (!existsSync(join(projectDir, 'out/main/index.js')))
    fail('the app is not built: run "npm run build" first');
  const runtime = findElectronRuntime({
    projectDir,
    version: electronVersion(),
    platform: process.platform,
    arch,
    env: process.env,
    home: homedir(),
  });
  if (!runtime.found && !download)
    fail(
      `${runtime.reason}; see README "Installing" → "Building the installers" (or pass --download where there is internet)`,
    );
  if (runtime.found) console.log(`Electron from ${runtime.from}: ${runtime.path}`);

  const cleanUp = (): Promise<void> => rm(stagingDir, { recursive: true, force: true });
  process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));
  await cleanUp();
  await mkdir(stagingDir, { recursive: true });
  try {
    await packApp({
      outputDir: stagingDir,
      ...(runtime.found ? { electronDist: runtime.path } : {}),
      ...(process.env.ELECTRON_CACHE ? { electronCache: process.env.ELECTRON_CACHE } : {}),
      platform: Platform.current(),
      arch: electronArch,
      dirOnly: dir,
    });
  } catch (error) {
    await cleanUp();
    const message = error instanceof Error ? error.message : String(error);
    fail(`electron-builder failed, nothing was built: ${message.split('\n')[0]}`);
  }
  const artifacts = await moveArtifacts();
  await cleanUp();
  console.log(`Built:\n${artifacts.map((artifact) => `  ${artifact}`).join('\n')}`);
}

void main();
