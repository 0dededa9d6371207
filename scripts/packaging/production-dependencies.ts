/** The installed packages a project needs at run time: its `dependencies`, and theirs, as npm laid them out. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

interface Manifest {
  readonly name?: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
}

/** Reads a package.json. */
export function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
}

/** Where Node would find `name` from `fromDir`: the nearest `node_modules/<name>` up to `root`. */
function locate(root: string, fromDir: string, name: string): string | null {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root || dirname(dir) === dir) return null;
  }
}

/**
 * Every installed production package of the project in `root`, as project-relative folders with
 * forward slashes (`node_modules/ws`, `node_modules/a/node_modules/b`). A missing optional
 * dependency is skipped; a missing required one is an error.
 */
export function productionPackageDirs(root: string): string[] {
  const found = new Set<string>();
  const visit = (dir: string): void => {
    const manifest = readManifest(dir);
    const required = Object.keys(manifest.dependencies ?? {});
    const optional = Object.keys(manifest.optionalDependencies ?? {});
    for (const name of [...required, ...optional]) {
      const location = locate(root, dir, name);
      if (!location) {
        if (optional.includes(name)) continue;
        throw new Error(`${name} (needed by ${manifest.name ?? dir}) is not installed: run "npm install"`);
      }
      const key = relative(root, location).split('\\').join('/');
      if (found.has(key)) continue;
      found.add(key);
      visit(location);
    }
  };
  visit(root);
  return [...found].sort();
}
