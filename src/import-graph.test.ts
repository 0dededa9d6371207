/**
 * The import graph of the shipped code, type imports included (ESLint's cycle rules skip those):
 * no circles, so each layer reads top-down and a module can be understood without its importers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    const shipped = /\.tsx?$/.test(entry.name) && !/\.(test|test-support)\.tsx?$/.test(entry.name);
    return shipped ? [path] : [];
  });
}

/** Every project file a file imports (relative specifiers resolved the way TypeScript does). */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles.flatMap(({ fileName }) => {
    if (!fileName.startsWith('.')) return [];
    const { resolvedModule } = ts.resolveModuleName(
      fileName,
      file,
      { moduleResolution: ts.ModuleResolutionKind.Bundler, allowImportingTsExtensions: true },
      ts.sys,
    );
    const target = resolvedModule?.resolvedFileName;
    return target && target.startsWith(SRC) && !target.includes('node_modules') ? [target] : [];
  });
}

/** One circle per strongly connected component bigger than one file (Tarjan), or a file importing itself. */
function circles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component);
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe('the import graph of src/', () => {
  const graph = new Map(sourceFiles(SRC).map((file) => [file, importsOf(file)]));

  it('is read from real files', () => {
    const shared = [...graph.keys()].filter((file) => file.includes(`${join('src', 'shared')}`));
    expect(shared.length).toBeGreaterThan(10);
    const ipc = graph.get(join(SRC, 'shared', 'ipc.ts'));
    expect(ipc?.map((file) => relative(dirname(file), file))).toContain('views.ts');
  });

  it('has no import circles, type imports included', () => {
    // zustand's slices pattern: each slice names the combined store's type, which lists every slice.
    const store = join(SRC, 'renderer', 'src', 'store');
    const outsideStore = new Map([...graph].filter(([file]) => !file.startsWith(store)));
    const named = circles(outsideStore).map((component) =>
      component.map((file) => relative(SRC, file)).sort(),
    );
    expect(named).toEqual([]);
  });

  it('finds a circle when there is one', () => {
    const fake = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(circles(fake).map((c) => c.sort())).toEqual([['a', 'b', 'c']]);
  });
});
