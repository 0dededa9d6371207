/** Where the Python harness lives: `resources/python` beside the build, outside the asar archive in a package. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { outsideAsar } from '../asar-path';

/** Where to look for the harness. */
export interface HarnessLocations {
  /** The folder of the built main bundle (`out/main`), i.e. `__dirname` of the running engine. */
  readonly mainDir: string;
}

/**
 * The harness script to run: `resources/python/harness.py` two folders above the build (`out/main`),
 * in a checkout and in a package alike; null when it is not there.
 */
export function findPythonHarness(locations: HarnessLocations): string | null {
  const path = outsideAsar(join(locations.mainDir, '..', '..', 'resources', 'python', 'harness.py'));
  return existsSync(path) ? path : null;
}
