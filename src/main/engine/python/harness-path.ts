/** Where the Python harness lives: next to the build in a checkout, outside the asar archive in a package. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The harness's entry script, relative to the folder that holds it. */
export const HARNESS_ENTRY = join('python', 'harness.py');

/** Where to look for the harness. */
export interface HarnessLocations {
  /** The folder of the built main bundle (`out/main`), i.e. `__dirname` of the running engine. */
  readonly mainDir: string;
  /**
   * Electron's `process.resourcesPath` in a packaged app, where `resources/python` is copied as an
   * extra resource: an interpreter cannot read files inside the asar archive.
   */
  readonly resourcesPath?: string;
}

/**
 * The harness script to run: the packaged copy when there is one, else the checkout's
 * `resources/python/harness.py` two folders above the build; null when neither exists.
 */
export function findPythonHarness(locations: HarnessLocations): string | null {
  const candidates = [
    ...(locations.resourcesPath ? [join(locations.resourcesPath, HARNESS_ENTRY)] : []),
    join(locations.mainDir, '..', '..', 'resources', HARNESS_ENTRY),
  ];
  return candidates.find((path) => existsSync(path)) ?? null;
}
