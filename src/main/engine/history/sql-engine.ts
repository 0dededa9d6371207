/** Loads SQLite compiled to WebAssembly (sql.js) once per process: no native module, so no rebuild for Electron. */
import { createRequire } from 'node:module';
import initSqlJs, { type SqlJsStatic } from 'sql.js';

let engine: Promise<SqlJsStatic> | null = null;

/** Where sql.js's WebAssembly binary is, resolved like a require from this file (works from the bundle too). */
export function sqlWasmPath(): string {
  // The engine is bundled with node_modules left external, so resolving at runtime finds the package.
  return createRequire(__filename).resolve('sql.js/dist/sql-wasm.wasm');
}

/** The SQLite engine, initialised on first use and shared by every store in the process. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  engine ??= initSqlJs({ locateFile: () => sqlWasmPath() }).catch((error: unknown) => {
    // A failed load (a missing file) must not be cached: the next open tries again.
    engine = null;
    throw error;
  });
  return engine;
}
