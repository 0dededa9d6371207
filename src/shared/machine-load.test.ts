import { describe, expect, it } from 'vitest';
import {
  BUSY_MACHINE_RULE,
  busyMachine,
  describeLoad,
  withBusyNotice,
  withoutBusyNotice,
  type LoadWindow,
} from './machine-load';

const window = (during: string, otherCpuPercent: number, ms = 1000): LoadWindow => ({
  during,
  otherCpuPercent,
  ms,
});

describe('the busy-machine rule', () => {
  it('calls the machine busy when other processes used more than 20% of it while a model ran', () => {
    expect(BUSY_MACHINE_RULE.otherCpuPercent).toBe(20);
    const busy = busyMachine({
      windows: [window('before', 2), window('sequential', 5), window('threads', 20.5)],
    });
    expect(busy?.worst.during).toBe('threads');
    expect(busy?.reason).toBe('the machine was busy (other processes used 21% of its CPU while threads ran)');
    expect(busy?.notice).toBe(
      'The machine was busy: these numbers are unreliable. Other processes used 21% of its CPU while threads ran; the lab calls a machine busy above 20%.',
    );
  });

  it('judges waiting work by its own threshold: the lab’s window drawing the race live does not make an I/O run busy', () => {
    expect(BUSY_MACHINE_RULE.ioOtherCpuPercent).toBe(80);
    // Seen in browser mode on a quiet 2-core machine: Chromium drawing the race took 23% of it.
    expect(busyMachine({ windows: [window('threads', 23)], work: 'io' })).toBeNull();
    expect(busyMachine({ windows: [window('threads', 80)], work: 'io' })).toBeNull();
    expect(busyMachine({ windows: [window('threads', 80.5)], work: 'io' })?.notice).toBe(
      'The machine was busy: these numbers are unreliable. Other processes used 81% of its CPU while threads ran; the lab calls a machine busy above 80% for waiting work.',
    );
    // Computing, and runs kept before the kind of work was, are judged by the CPU threshold.
    expect(busyMachine({ windows: [window('threads', 23)], work: 'cpu' })).not.toBeNull();
    expect(busyMachine({ windows: [window('threads', 23)] })).not.toBeNull();
  });

  it('calls it busy from the second before the run too', () => {
    expect(busyMachine({ windows: [window('before', 93), window('threads', 3)] })?.notice).toContain(
      'Other processes used 93% of its CPU in the second before the run',
    );
  });

  it('keeps a machine at the limit, or below it everywhere, quiet', () => {
    expect(busyMachine({ windows: [window('before', 20), window('threads', 19.9)] })).toBeNull();
    expect(busyMachine({ windows: [] })).toBeNull();
    expect(busyMachine(undefined)).toBeNull();
  });

  it('does not judge from a stretch too short to measure, however busy it read', () => {
    const short = window('async', 100, BUSY_MACHINE_RULE.minWindowMs - 1);
    expect(busyMachine({ windows: [short, window('sequential', 1)] })).toBeNull();
    const long = window('async', 100, BUSY_MACHINE_RULE.minWindowMs);
    expect(busyMachine({ windows: [long] })?.worst.during).toBe('async');
  });

  it('words the busiest stretch, busy or not', () => {
    expect(describeLoad({ windows: [window('before', 1.5), window('processes', 4)] })).toBe(
      'other processes: 4.0% of the CPU at most (while processes ran)',
    );
    expect(describeLoad({ windows: [window('lesson', 30)] })).toBe(
      'other processes: 30% of the CPU at most (while the lesson ran)',
    );
    expect(describeLoad(undefined)).toBe('other processes: not measured');
  });
});

describe('the verdict and the notice', () => {
  const busy = { windows: [window('threads', 90)] };
  it('puts the notice before the sentence on a busy machine, and takes it off where it is shown apart', () => {
    const verdict = withBusyNotice('threads ran 1.90× faster than sequential.', busy);
    expect(verdict).toBe(
      'The machine was busy: these numbers are unreliable. Other processes used 90% of its CPU while threads ran; the lab calls a machine busy above 20%. As measured: threads ran 1.90× faster than sequential.',
    );
    expect(withoutBusyNotice(verdict, busy)).toBe('As measured: threads ran 1.90× faster than sequential.');
    expect(withBusyNotice('x.', { windows: [] })).toBe('x.');
    expect(withoutBusyNotice('x.', undefined)).toBe('x.');
  });
});
