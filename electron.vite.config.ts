import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { modelColorsPlugin } from './scripts/model-colors-plugin';

/**
 * Three builds: the main process bundle (plus every plain-Node entry that runs as its own
 * thread or process), the sandboxed preload, and the React renderer.
 */
export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: {
          // Electron main process.
          index: resolve(__dirname, 'src/main/index.ts'),
          // The `concurrency-lab` command.
          cli: resolve(__dirname, 'src/main/cli/index.ts'),
          // Runs tasks inside a worker thread (threads, gil-threads, the dedicated loop thread).
          'thread-host': resolve(__dirname, 'src/workers/thread-host.ts'),
          // Runs tasks inside a child process or Electron utility process.
          'process-host': resolve(__dirname, 'src/workers/process-host.ts'),
          // A distributed worker: pulls tasks from NATS JetStream (the lab's local workers and `worker`).
          'distributed-worker': resolve(__dirname, 'src/workers/distributed-worker-host.ts'),
          // The dedicated thread that hosts sequential and async in the app and browser mode.
          'loop-thread-host': resolve(__dirname, 'src/workers/loop-thread-host.ts'),
          // The embedded HTTP latency server, in its own process.
          'latency-server-host': resolve(__dirname, 'src/workers/latency-server-host.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      // The app loads from disk, but a third of the bytes parses faster; source maps keep it debuggable.
      minify: true,
      sourcemap: true,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src/renderer/index.html') },
      },
    },
    plugins: [react(), modelColorsPlugin()],
  },
});
