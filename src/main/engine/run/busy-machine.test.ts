/**
 * The busy-machine rule end to end: another process keeps every core busy while a run is measured,
 * and the run says so — in its load, its verdict and its claims. (The opposite, a quiet machine,
 * cannot be promised on a shared test machine, so it is tested with recorded loads in shared/.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { busyMachine } from '../../../shared/machine-load';
import { raceClaims } from '../../../shared/race-claims';
import { builtHostScripts } from '../../../test-support/engine-options';
import { forkSpawner } from '../models/process-spawner';
import { CpuHistory, readCpuCounters } from '../system/cpu-load';
import { runScenario } from './run-session';
import { runVerdict } from './run-views';

const hogs: ChildProcess[] = [];

/** One busy loop per core, in processes the lab knows nothing of. */
function loadEveryCore(): void {
  for (let core = 0; core < availableParallelism(); core++)
    hogs.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
}

afterEach(async () => {
  for (const hog of hogs.splice(0)) {
    const gone = new Promise((done) => hog.once('exit', done));
    hog.kill('SIGKILL');
    await gone;
  }
});

describe('a run on a busy machine', () => {
  it('measures the other processes’ load before and during the run, and says its numbers are unreliable', async () => {
    const cpuHistory = new CpuHistory();
    loadEveryCore();
    cpuHistory.record(readCpuCounters());
    await sleep(1100);
    const run = await runScenario(
      {
        scenario: 'cpu-primes',
        params: { tasks: 4, taskMs: 100 },
        models: ['sequential', 'async', 'threads'],
        pool: { threads: 2 },
      },
      { hostScripts: builtHostScripts(), spawner: forkSpawner, cpuHistory },
    );
    expect(run.state).toBe('done');
    const windows = run.load?.windows ?? [];
    expect(windows.map((window) => window.during)).toEqual(['before', 'sequential', 'async', 'threads']);
    const before = windows[0]!;
    expect(before.ms).toBeGreaterThanOrEqual(1000);
    // Every core ran a busy loop: far above the rule's 20%, whatever else the machine was doing.
    expect(before.otherCpuPercent).toBeGreaterThan(50);
    const busy = busyMachine(run.load);
    expect(busy).not.toBeNull();
    expect(runVerdict(run)).toMatch(
      /^The machine was busy: these numbers are unreliable\. Other processes used \d+% of its CPU/,
    );
    const claims = raceClaims(run);
    expect(claims.map((claim) => claim.holds)).toEqual(claims.map(() => null));
    const ran = claims.filter((claim) => claim.model === 'async' || claim.model === 'threads');
    expect(ran.map((claim) => claim.notJudged)).toEqual(['busy-machine', 'busy-machine']);
  }, 60_000);
});
