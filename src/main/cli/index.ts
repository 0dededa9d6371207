/** Entry point of the `concurrency-lab` command (built to out/main/cli.js; bin/concurrency-lab.js runs it). */
import { hostScriptsIn } from '../engine/models/host-scripts';
import { chosenPython } from '../engine/models/python/python-setup';
import { forkSpawner } from '../engine/models/process-spawner';
import { CpuHistory, readCpuCounters } from '../engine/system/cpu-load';
import { main } from './main';
import { serveCommand } from './serve-command';
import { join } from 'node:path';
import { version } from '../../../package.json';

// A first CPU reading as the command starts: a run measures other processes' load from it (see cpu-load.ts).
const cpuHistory = new CpuHistory();
cpuHistory.record(readCpuCounters());

// This module is the bundle's entry, so __dirname is out/main, where the host scripts are built.
// CONCURRENCY_LAB_PYTHON names the Python models' interpreter; a --python flag overrides it.
const python = chosenPython(undefined);
const engine = {
  hostScripts: hostScriptsIn(__dirname),
  spawner: forkSpawner,
  cpuHistory,
  ...(python ? { python } : {}),
};

const io = {
  stdout: process.stdout,
  stderr: process.stderr,
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
};

main(process.argv.slice(2), {
  ...io,
  engine,
  version,
  serve: (args) => serveCommand(args, engine, join(__dirname, '../renderer'), io),
}).then(
  (code) => {
    // Let stdout drain (it may be a pipe), then leave even if a stray handle would keep the loop alive.
    process.exitCode = code;
    process.stdout.write('', () => process.exit(code));
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
