/**
 * What the built app loads at run time, derived from the build itself (never a hand-kept list): the
 * entry points electron.vite.config.ts declares, then every file and package they reach through
 * require/import, script and link tags, and path literals such as `join(__dirname, 'thread-host.js')`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, posix, relative } from 'node:path';
import viteConfig from '../../electron.vite.config';

/** The files and packages a build reaches from its entry points. */
export interface RuntimeNeeds {
  /** Project-relative paths with forward slashes (`out/main/cli.js`, `node_modules/sql.js/dist/sql-wasm.wasm`). */
  readonly files: readonly string[];
  /** Package names loaded with require/import (`ws`, `sql.js`). */
  readonly packages: readonly string[];
}

type InputOption = string | string[] | Record<string, string> | undefined;

function inputPaths(input: InputOption): Array<[name: string, source: string]> {
  if (input === undefined) return [];
  if (typeof input === 'string') return [[posix.parse(input).name, input]];
  if (Array.isArray(input)) return input.map((source) => [posix.parse(source).name, source]);
  return Object.entries(input);
}

/**
 * The built entry points electron.vite.config.ts declares, project-relative: one `out/main/<name>.js`
 * per main input (the app, the CLI, every thread and process host), the preload, and the renderer page.
 */
export function buildEntryPoints(): string[] {
  const main = inputPaths(viteConfig.main?.build?.rolldownOptions?.input as InputOption);
  const preload = inputPaths(viteConfig.preload?.build?.rolldownOptions?.input as InputOption);
  const renderer = viteConfig.renderer;
  const pages = inputPaths(renderer?.build?.rolldownOptions?.input as InputOption);
  return [
    ...main.map(([name]) => `out/main/${name}.js`),
    ...preload.map(([name]) => `out/preload/${name}.js`),
    ...pages.map(([, source]) => `out/renderer/${toPosix(relative(renderer?.root ?? '', source))}`),
  ];
}

function toPosix(path: string): string {
  return path.split('\\').join('/');
}

const SPECIFIER =
  /\b(?:require|import)\s*\(\s*(["'`])([^"'`]+)\1\s*\)|(?:^|[\n;])\s*(?:import|export)\b[^'"`;]*?\bfrom\s*(["'])([^"']+)\3/g;
/** Block comments and whole-line comments: the bundles keep JSDoc, whose words are not code. */
const COMMENT = /\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm;
const PATH_LITERAL =
  /(["'`])((?:\.{1,2}\/)*[\w@][^"'`\s\\$]{0,200}?\.(?:js|cjs|mjs|json|wasm|png|svg|html|css|py|node))\1/g;
const HTML_REFERENCE = /\b(?:src|href)\s*=\s*"([^"#?:]+)"/g;

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(specifier) || specifier === 'electron';
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Finds `node_modules/<name>` from `fromDir` upwards, as Node does; project-relative, or null. */
function packageDir(root: string, fromDir: string, name: string): string | null {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return toPosix(relative(root, candidate));
    if (dir === root || dirname(dir) === dir) return null;
  }
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/**
 * Every file and package the build in `root` reaches from `entries` (project-relative paths). A path
 * literal counts when it names an existing file relative to its own file's folder or to an entry's
 * folder (host scripts are joined to the entry's `__dirname`), or a file inside a package.
 */
export function traceRuntimeNeeds(root: string, entries: readonly string[]): RuntimeNeeds {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue: string[] = [];
  const entryDirs = [...new Set(entries.map((entry) => posix.dirname(entry)))];
  const add = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    if (/\.(c|m)?js$|\.html$/.test(file) && !file.startsWith('node_modules/')) queue.push(file);
  };
  const addPackageFile = (fromDir: string, specifier: string): boolean => {
    const name = packageName(specifier);
    const dir = packageDir(root, join(root, fromDir), name);
    if (!dir) return false;
    packages.add(name);
    try {
      // Resolved as the build resolves it at run time (package.json `exports`, `main`).
      const resolved = createRequire(join(root, fromDir, 'index.js')).resolve(specifier);
      files.add(toPosix(relative(root, resolved)));
    } catch {
      // A path literal that only starts like a package name: the package itself is still needed.
    }
    return true;
  };
  for (const entry of entries) {
    if (!isFile(join(root, entry))) throw new Error(`${entry} is missing: run "npm run build" first`);
    add(entry);
  }
  while (queue.length > 0) {
    const file = queue.shift()!;
    const dir = posix.dirname(file);
    const source = readFileSync(join(root, file), 'utf8');
    const text = file.endsWith('.html') ? source : source.replace(COMMENT, '');
    if (file.endsWith('.html')) {
      for (const [, reference] of text.matchAll(HTML_REFERENCE)) {
        const target = posix.join(dir, reference!.replace(/^\//, ''));
        if (isFile(join(root, target))) add(target);
      }
      continue;
    }
    for (const match of text.matchAll(SPECIFIER)) {
      const specifier = (match[2] ?? match[4])!;
      if (isBuiltin(specifier)) continue;
      if (specifier.startsWith('.')) {
        const target = posix.join(dir, specifier);
        const withExtension = [target, `${target}.js`].find((path) => isFile(join(root, path)));
        if (withExtension) add(withExtension);
      } else if (!addPackageFile(dir, specifier)) {
        throw new Error(`${file} loads "${specifier}", which is not installed`);
      }
    }
    for (const [, , literal] of text.matchAll(PATH_LITERAL)) {
      const candidates = [dir, ...entryDirs].map((base) => posix.join(base, literal!));
      const local = candidates.find((path) => !path.startsWith('..') && isFile(join(root, path)));
      if (local) add(local);
      else if (!literal!.startsWith('.')) addPackageFile(dir, literal!);
    }
  }
  return { files: [...files].sort(), packages: [...packages].sort() };
}
