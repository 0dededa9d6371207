/**
 * The offline workshop kit: one npm tarball holding the CLI and browser mode with every runtime
 * dependency bundled, so `npm install -g ./concurrency-lab-<version>.tgz --offline` needs no registry.
 * Its files are exactly the desktop package's (packed with the same configuration), plus the launcher.
 */
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractAll } from '@electron/asar';
import { packWithStandIn, projectDir } from './pack-app';
import { readManifest } from './production-dependencies';

/** The tarball built, its size, and how many files it holds. */
export interface Kit {
  readonly tarball: string;
  readonly bytes: number;
  readonly files: number;
}

/** The kit's package.json: installable and runnable with Node alone, nothing for development, no Electron. */
export function kitManifest(project: Record<string, unknown>): Record<string, unknown> {
  const dependencies = (project.dependencies ?? {}) as Record<string, string>;
  return {
    name: project.name,
    version: project.version,
    description: project.description,
    license: project.license,
    bin: project.bin,
    engines: project.engines,
    dependencies,
    // Installs with no registry: npm takes these from the tarball instead of fetching them.
    bundleDependencies: Object.keys(dependencies),
  };
}

/** Runs npm (the one running this script when there is one) and returns its stdout. */
function npm(args: readonly string[], cwd: string): string {
  const npmCli = process.env.npm_execpath;
  const [command, commandArgs] =
    npmCli && npmCli.endsWith('.js') ? [process.execPath, [npmCli, ...args]] : ['npm', [...args]];
  const result = spawnSync(command, commandArgs, {
    cwd,
    encoding: 'utf8',
    shell: process.platform === 'win32' && command === 'npm',
  });
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed: ${result.stderr || result.error}`);
  return result.stdout;
}

/** Builds `concurrency-lab-<version>.tgz` into `outDir` from the current build (`out/`). */
export async function buildKit(outDir: string): Promise<Kit> {
  const work = await mkdtemp(join(tmpdir(), 'concurrency-lab-kit-'));
  try {
    const packed = await packWithStandIn(work);
    const staging = join(work, 'package');
    extractAll(packed.asar, staging);
    await mkdir(join(staging, 'bin'), { recursive: true });
    await copyFile(join(projectDir, 'bin/concurrency-lab.js'), join(staging, 'bin/concurrency-lab.js'));
    await copyFile(join(projectDir, 'README.md'), join(staging, 'README.md'));
    const manifest = kitManifest(readManifest(projectDir) as Record<string, unknown>);
    await writeFile(join(staging, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await mkdir(outDir, { recursive: true });
    const [report] = JSON.parse(
      npm(['pack', '--json', '--ignore-scripts', '--pack-destination', outDir], staging),
    ) as [{ filename: string; entryCount: number }];
    const tarball = join(outDir, report.filename);
    return { tarball, bytes: (await stat(tarball)).size, files: report.entryCount };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
