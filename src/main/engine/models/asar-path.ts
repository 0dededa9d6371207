/**
 * Paths of files the package keeps outside app.asar (electron-builder's `asarUnpack`): Electron reads
 * inside the archive, but a program it starts (python3 running the harness) needs the real file.
 */

/** The on-disk path of an unpacked file (`…/app.asar/x` → `…/app.asar.unpacked/x`); other paths are returned unchanged. */
export function outsideAsar(path: string): string {
  return path.replace(/([\\/])app\.asar(?=[\\/])/, '$1app.asar.unpacked');
}
