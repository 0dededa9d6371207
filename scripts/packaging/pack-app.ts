/** Runs electron-builder with the project's configuration (electron-builder.config.ts) and a few overrides. */
import { readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Arch, build, Platform, type Configuration } from 'electron-builder';
import config from '../../electron-builder.config';
import { createStandInElectron } from './stand-in-electron';

/** The repository root. */
export const projectDir = resolve(__dirname, '../..');

/** The Electron version the app is built against (the `electron` devDependency). */
export function electronVersion(): string {
  const manifest = JSON.parse(
    readFileSync(join(projectDir, 'node_modules/electron/package.json'), 'utf8'),
  ) as {
    version: string;
  };
  return manifest.version;
}

/** What to build, where, and from which Electron. */
export interface PackOptions {
  readonly outputDir: string;
  /** An unpacked Electron folder or an Electron zip; without it electron-builder downloads Electron. */
  readonly electronDist?: string;
  /** Where electron-builder looks for (and keeps) downloaded Electron zips. */
  readonly electronCache?: string;
  readonly platform: Platform;
  readonly arch: Arch;
  /** `dir` packs the unpacked app only; otherwise the platform's installers from the configuration. */
  readonly dirOnly: boolean;
}

/** Packs the app with the project's configuration; returns the paths of the artifacts built. */
export function packApp(options: PackOptions): Promise<string[]> {
  const overrides: Configuration = {
    ...config,
    directories: { ...config.directories, output: options.outputDir },
    ...(options.electronDist ? { electronDist: options.electronDist } : {}),
    ...(options.electronCache ? { electronDownload: { cache: options.electronCache } } : {}),
  };
  return build({
    projectDir,
    config: overrides,
    publish: 'never',
    targets: options.platform.createTarget(options.dirOnly ? 'dir' : null, options.arch),
  });
}

/** The unpacked Linux app electron-builder produced: its folder, its archive, and the unpacked files beside it. */
export interface PackedApp {
  readonly appOutDir: string;
  readonly asar: string;
  readonly asarUnpacked: string;
  readonly executable: string;
}

/**
 * Packs the Linux x64 unpacked app with the project's configuration against a stand-in Electron
 * (no binary or network needed): what goes into app.asar is exactly what an installer would hold.
 */
export async function packWithStandIn(outputDir: string): Promise<PackedApp> {
  const standIn = await createStandInElectron(join(outputDir, 'stand-in-electron'), electronVersion());
  const packOutput = join(outputDir, 'packed');
  await packApp({
    outputDir: packOutput,
    electronDist: standIn,
    platform: Platform.LINUX,
    arch: Arch.x64,
    dirOnly: true,
  });
  const appOutDir = join(packOutput, 'linux-unpacked');
  const asar = join(appOutDir, 'resources/app.asar');
  await stat(asar);
  const executable = join(appOutDir, config.linux?.executableName ?? 'electron');
  return { appOutDir, asar, asarUnpacked: `${asar}.unpacked`, executable };
}

/** Every file under `dir`, as paths relative to it with forward slashes. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) =>
      join(entry.parentPath, entry.name)
        .slice(dir.length + 1)
        .split('\\')
        .join('/'),
    )
    .sort();
}
