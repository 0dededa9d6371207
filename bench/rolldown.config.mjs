// Bundles the benchmark (TypeScript, importing the engine) for plain Node 20, which cannot run .ts files.
import { defineConfig } from 'rolldown';

export default defineConfig({
  input: {
    run: 'bench/run.ts',
    'piscina-worker': 'bench/piscina-worker.ts',
    'idle-probe': 'bench/idle-probe.ts',
    followers: 'bench/followers.ts',
  },
  platform: 'node',
  external: [/^node:/, /^@nats-io\//, 'piscina', '@playwright/test', 'ws'],
  output: { dir: 'out/bench', format: 'cjs', entryFileNames: '[name].js' },
});
