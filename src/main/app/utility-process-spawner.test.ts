import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProcessExit } from '../engine/models/process-spawner';

/** A utility process: messages, exit with a code, a piped stderr. */
class FakeUtilityProcess extends EventEmitter {
  pid: number | undefined = 4242;
  stderr: PassThrough | null = new PassThrough();
  readonly postMessage = vi.fn();
  readonly kill = vi.fn(() => true);

  /** Ends the process the way Electron reports it: stderr closes, then exit with a code. */
  exit(code: number, endStderr = true): void {
    if (endStderr) this.stderr?.end();
    this.pid = undefined;
    this.emit('exit', code);
  }
}

const forked = vi.hoisted(() => ({ children: [] as unknown[], calls: [] as unknown[][] }));
vi.mock('electron', () => ({
  utilityProcess: {
    fork: (...args: unknown[]) => {
      forked.calls.push(args);
      const child = new FakeUtilityProcess();
      forked.children.push(child);
      return child;
    },
  },
}));

import { utilityProcessSpawner } from './utility-process-spawner';

function spawn(execArgv?: string[]) {
  const spawned = utilityProcessSpawner.spawn('/app/out/main/process-host.js', {
    name: 'lab-process-1',
    execArgv,
  });
  return { spawned, child: forked.children.at(-1) as FakeUtilityProcess, args: forked.calls.at(-1)! };
}

function nextExit(spawned: ReturnType<typeof spawn>['spawned']): Promise<ProcessExit> {
  return new Promise((resolve) => spawned.onExit(resolve));
}

afterEach(() => {
  vi.useRealTimers();
});

describe('utilityProcessSpawner', () => {
  it('is the utilityProcess kind of spawner', () => {
    expect(utilityProcessSpawner.kind).toBe('utilityProcess');
  });

  it('forks the module with the service name, execArgv, and stderr piped', () => {
    const { args } = spawn(['--max-old-space-size=256']);
    const [modulePath, argv, options] = args as [string, string[], Record<string, unknown>];
    expect(modulePath).toBe('/app/out/main/process-host.js');
    expect(argv).toEqual([]);
    expect(options).toMatchObject({
      serviceName: 'lab-process-1',
      stdio: ['ignore', 'ignore', 'pipe'],
      execArgv: ['--max-old-space-size=256'],
    });
    expect((options.env as Record<string, string>).CONCURRENCY_LAB_PROCESS).toBe('lab-process-1');
  });

  it('reports the pid while the process runs', () => {
    const { spawned, child } = spawn();
    expect(spawned.pid).toBe(4242);
    child.exit(0);
    expect(spawned.pid).toBeUndefined();
  });

  it('passes messages both ways', () => {
    const { spawned, child } = spawn();
    spawned.postMessage({ type: 'init' });
    expect(child.postMessage).toHaveBeenCalledWith({ type: 'init' });
    const received: unknown[] = [];
    spawned.onMessage((message) => received.push(message));
    child.emit('message', { type: 'ready' });
    expect(received).toEqual([{ type: 'ready' }]);
  });

  it('drops messages to a process that has exited', () => {
    const { spawned, child } = spawn();
    child.exit(1);
    spawned.postMessage({ type: 'task' });
    expect(child.postMessage).not.toHaveBeenCalled();
  });

  it('reports the exit code with the tail of stderr, and no signal', async () => {
    const { spawned, child } = spawn();
    const exit = nextExit(spawned);
    child.stderr!.write(
      'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n',
    );
    child.exit(134);
    expect(await exit).toEqual({
      code: 134,
      signal: null,
      stderrTail: 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
    });
  });

  it('waits for stderr still in flight after exit, but not forever', async () => {
    const late = spawn();
    const lateExit = nextExit(late.spawned);
    late.child.exit(1, false);
    late.child.stderr!.end('last words\n');
    expect((await lateExit).stderrTail).toBe('last words');

    vi.useFakeTimers();
    const stuck = spawn();
    const reports: ProcessExit[] = [];
    stuck.spawned.onExit((exit) => reports.push(exit));
    stuck.child.exit(1, false);
    expect(reports).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    stuck.child.stderr!.end();
    await vi.advanceTimersByTimeAsync(10);
    expect(reports).toHaveLength(1);
  });

  it('survives a V8 fatal error event and reports it with the exit', async () => {
    const { spawned, child } = spawn();
    const exit = nextExit(spawned);
    expect(() => child.emit('error', 'FatalError', 'v8::ToLocalChecked', '{}')).not.toThrow();
    child.exit(133);
    expect((await exit).stderrTail).toContain('FatalError at v8::ToLocalChecked');
  });

  it('kills with kill(), then SIGKILL if the process has not exited after a grace period', () => {
    vi.useFakeTimers();
    const killed = vi.spyOn(process, 'kill').mockImplementation(() => true);
    try {
      const { spawned, child } = spawn();
      spawned.kill();
      expect(child.kill).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(400);
      expect(killed).toHaveBeenCalledWith(4242, 'SIGKILL');

      const polite = spawn();
      polite.spawned.kill();
      polite.child.exit(0);
      killed.mockClear();
      vi.advanceTimersByTime(400);
      expect(killed).not.toHaveBeenCalled();
    } finally {
      killed.mockRestore();
    }
  });

  it('does not kill a process that has already exited', () => {
    const { spawned, child } = spawn();
    child.exit(0);
    spawned.kill();
    expect(child.kill).not.toHaveBeenCalled();
  });
});
