/**
 * The desktop package, packed for real: electron-builder with the project's configuration, against a
 * stand-in Electron (its binary cannot be had here), then checked file by file and run with plain
 * Node from an extracted copy, far from the repository's node_modules.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { extractAll } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import config, { unpackedFiles } from '../../electron-builder.config';
import { filesUnder, packWithStandIn, projectDir, type PackedApp } from './pack-app';
import { cleanEnv, expectShortRunSucceeds, serveAndFetch } from './packed-cli.test-support';
import { productionPackageDirs, readManifest } from './production-dependencies';
import { buildEntryPoints, traceRuntimeNeeds, type RuntimeNeeds } from './runtime-files';

/** A regression guard, not a target: the archive was 4.2 MB when this was written (Electron itself is ~100 MB more). */
const SIZE_BUDGET_BYTES = 20 * 1024 * 1024;

/** Files that must never be shipped: maps, tests, TypeScript sources, secrets and the repository's dev tooling. */
const DEV_FILE =
  /\.map$|\.pyc$|__pycache__|\.(test|spec)\.[cm]?[jt]sx?$|\.[cm]?tsx?$|(^|\/)\.env($|\.)|(^|\/)(__tests__|tests?)\/|(^|\/)(tsconfig[^/]*\.json|(vitest|playwright|eslint|electron\.vite|electron-builder)\.config\.\w+|\.eslintrc[^/]*|\.prettierrc[^/]*)$|^(src|e2e|bench|scripts|\.github|\.ci|test-results|playwright-report|logs)\//;

/** A package's own folder (not a subfolder with its own package.json, such as zod/v4). */
const PACKAGE_DIR = /^node_modules\/(@[^/]+\/)?[^/@][^/]*(\/node_modules\/(@[^/]+\/)?[^/@][^/]*)*$/;

let work: string;
let packed: PackedApp;
let extracted: string;
let packedFiles: string[];
let unpacked: string[];
let needs: RuntimeNeeds;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'concurrency-lab-packed-'));
  packed = await packWithStandIn(work);
  extracted = join(work, 'app');
  // Extracting also copies the unpacked files from app.asar.unpacked, as Electron's fs would see them.
  extractAll(packed.asar, extracted);
  packedFiles = await filesUnder(extracted);
  unpacked = existsSync(packed.asarUnpacked) ? await filesUnder(packed.asarUnpacked) : [];
  needs = traceRuntimeNeeds(projectDir, buildEntryPoints());
}, 120_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the packed desktop app', () => {
  it('holds every file the built app loads at run time, found from the build entry points', () => {
    expect(needs.files).toContain('out/main/index.js');
    expect(needs.files).toContain('out/main/thread-host.js');
    const missing = needs.files.filter((file) => !packedFiles.includes(file));
    expect(missing, 'loaded at run time but not packed').toEqual([]);
  });

  it('keeps the files that programs other than Electron read outside the archive', async () => {
    expect(config.asarUnpack).toEqual([...unpackedFiles]);
    // Each rule is a whole folder (`dir/**`), so "every file of that folder is unpacked" is the exact check.
    for (const rule of unpackedFiles) {
      expect(rule).toMatch(/^[\w./-]+\/\*\*$/);
      const dir = rule.slice(0, -'/**'.length);
      const mustUnpack = existsSync(join(projectDir, dir))
        ? (await filesUnder(join(projectDir, dir))).map((file) => `${dir}/${file}`)
        : [];
      const runtime = mustUnpack.filter((file) => packedFiles.includes(file));
      expect(
        runtime.filter((file) => !unpacked.includes(file)),
        `packed inside app.asar: ${rule}`,
      ).toEqual([]);
    }
    expect(
      unpacked.filter((file) => !unpackedFiles.some((rule) => file.startsWith(rule.slice(0, -2)))),
      'unpacked by no rule',
    ).toEqual([]);
  });

  it('holds the production dependencies and nothing else, and the build loads every one of them', () => {
    const packedPackages = packedFiles
      .filter((file) => file.endsWith('/package.json'))
      .map((file) => dirname(file))
      .filter((dir) => PACKAGE_DIR.test(dir))
      .sort();
    expect(packedPackages).toEqual(productionPackageDirs(projectDir));
    const direct = Object.keys(readManifest(projectDir).dependencies ?? {});
    const unused = direct.filter((name) => !needs.packages.includes(name));
    expect(
      unused,
      'in "dependencies" but never loaded by out/main or out/preload: renderer-only packages belong in devDependencies (Vite bundles them)',
    ).toEqual([]);
    expect(packedFiles.some((file) => file.startsWith('node_modules/electron/'))).toBe(false);
  });

  it('leaks no source maps, tests, sources, .env or dev files', () => {
    expect(packedFiles.filter((file) => DEV_FILE.test(file))).toEqual([]);
    const manifest = readManifest(extracted) as Record<string, unknown>;
    expect(manifest).not.toHaveProperty('devDependencies');
    expect(manifest).not.toHaveProperty('scripts');
  });

  it('has its fuses flipped as configured', async () => {
    const wire = await getCurrentFuseWire(packed.executable);
    // A fuse is one byte of the wire: '1' on, '0' off.
    const state = (enabled: boolean): number => (enabled ? '1' : '0').charCodeAt(0);
    const fuses = config.electronFuses!;
    expect(wire[FuseV1Options.RunAsNode]).toBe(state(false));
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(state(true));
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(state(false));
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(state(false));
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(state(true));
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(state(true));
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(
      state(fuses.grantFileProtocolExtraPrivileges ?? true),
    );
  });

  it('stays within its size budget', async () => {
    const archive = (await stat(packed.asar)).size;
    let unpackedBytes = 0;
    for (const file of unpacked) unpackedBytes += (await stat(join(packed.asarUnpacked, file))).size;
    const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    console.log(
      `packed app: app.asar ${megabytes(archive)} (${packedFiles.length} files), unpacked ${megabytes(unpackedBytes)}; Electron adds its own ~100 MB`,
    );
    expect(archive + unpackedBytes).toBeLessThan(SIZE_BUDGET_BYTES);
  });

  describe('run with plain Node from an extracted copy', () => {
    beforeAll(() => {
      // Nothing above the copy may hold packages, or a missing dependency could be found there.
      for (let dir = dirname(extracted); dirname(dir) !== dir; dir = dirname(dir))
        expect(existsSync(join(dir, 'node_modules')), `${dir}/node_modules must not exist`).toBe(false);
    });

    it('races every model through the CLI', async () => {
      const home = join(work, 'home-run');
      await expectShortRunSucceeds(process.execPath, [join(extracted, 'out/main/cli.js')], {
        cwd: work,
        env: cleanEnv(home),
      });
    });

    it('serves its page in browser mode, with the run history opened', async () => {
      const home = join(work, 'home-serve');
      const served = await serveAndFetch(process.execPath, [join(extracted, 'out/main/cli.js')], {
        cwd: work,
        env: cleanEnv(home),
      });
      expect(served.pageStatus).toBe(200);
      expect(served.page).toContain('<div id="root"></div>');
      expect(served.scriptStatus).toBe(200);
      // The history needs sql.js's WebAssembly file: without it, serve says the history could not be opened.
      expect(served.stderr).not.toMatch(/could not be opened/);
    });
  });
});
