/**
 * A stand-in for Electron's Linux x64 distribution, for packing where the real binary cannot be had:
 * electron-builder copies it as the app's executable and flips its fuses, so the packed layout and
 * the fuse configuration are exercised for real. The stand-in is never shipped or run as the app.
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The marker @electron/fuses searches the Electron binary for; the fuse wire follows it. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/**
 * Electron's own fuse wire, as shipped: RunAsNode on, cookie encryption off, NODE_OPTIONS on,
 * --inspect on, asar integrity off, only-asar off, browser V8 snapshot off, file:// privileges on.
 */
const SHIPPED_FUSE_WIRE = '10110001';

/** Writes a stand-in Electron folder (`electron`, `version`, `LICENSE`) into `dir` and returns `dir`. */
export async function createStandInElectron(dir: string, electronVersion: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const executable = join(dir, 'electron');
  const wire = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in for Electron: not runnable" >&2\nexit 1\n'),
    Buffer.from(FUSE_SENTINEL),
    // Fuse wire version 1, then its length, then one byte per fuse ('0' off, '1' on).
    Buffer.from([1, SHIPPED_FUSE_WIRE.length]),
    Buffer.from(SHIPPED_FUSE_WIRE),
    Buffer.from('\n'),
  ]);
  await writeFile(executable, wire);
  await chmod(executable, 0o755);
  await writeFile(join(dir, 'version'), electronVersion);
  await writeFile(join(dir, 'LICENSE'), 'Stand-in for Electron (MIT); not distributed.\n');
  return dir;
}
