// `npm start`: build, then open the desktop app. When Electron's runtime binary is missing, try once to
// fetch it with Electron's own installer (honours ELECTRON_MIRROR and the Electron cache); if that
// fails, or there is no display, say so in one line and start browser mode instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function run(command, args, options = {}) {
  return spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
}

function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** Runs Electron's installer once; returns null on success, else the reason in a few words. */
function installElectron() {
  console.log(
    "Electron's runtime is not installed yet: fetching it once (node node_modules/electron/install.js)…",
  );
  const result = run(process.execPath, [join(root, 'node_modules/electron/install.js')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.status === 0 && electronBinary()) return null;
  const output = `${result.stderr ?? ''}${result.stdout ?? ''}`;
  const line =
    output.split('\n').find((l) => /Error|ENOTFOUND|ECONN|EAI_AGAIN|ETIMEDOUT|403|404/.test(l)) ??
    `installer exited with ${result.status}`;
  return line.trim().slice(0, 160);
}

function browserMode(reason) {
  console.log(`${reason}: starting browser mode instead (concurrency-lab serve --open).`);
  const child = spawn(process.execPath, [join(root, 'bin/concurrency-lab.js'), 'serve', '--open'], {
    cwd: root,
    stdio: 'inherit',
  });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}

const build = run(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']);
if (build.status !== 0) process.exit(build.status ?? 1);

if (process.env.CONCURRENCY_LAB_BROWSER === '1') {
  browserMode('CONCURRENCY_LAB_BROWSER=1');
} else if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  browserMode('No display to open a window on (DISPLAY is not set)');
} else {
  let binary = electronBinary();
  let failure = null;
  if (!binary) {
    failure = installElectron();
    binary = electronBinary();
  }
  if (!binary) {
    browserMode(`Electron's runtime could not be fetched (${failure})`);
  } else {
    const app = spawn(binary, [root], { cwd: root, stdio: 'inherit' });
    app.on('exit', (code) => process.exit(code ?? 0));
  }
}
