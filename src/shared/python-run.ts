/**
 * What a run on a real CPython measured besides its tasks — what the real GIL cost, measured without
 * native tools, and how the harness's clock was lined up with the lab's — as plain data, with the
 * words that say how each number was measured: the UI, the exports and the Notes column all use them.
 */
import { formatDelay, formatDuration, formatPercent } from './format';

/** One thread or process of a Python run: the wall time its tasks took against the CPU time it got. */
export interface PythonLaneCost {
  /** The lane it ran; null for asyncio's event loop, whose one thread ran every slot. */
  readonly lane: number | null;
  readonly label: string;
  /** Wall time from its tasks' starts to their ends, summed. */
  readonly busyMs: number;
  /** CPU time it got meanwhile (time.thread_time or time.process_time, see cpuSource). */
  readonly cpuMs: number;
  readonly tasks: number;
}

/** A thread that sleeps 1 ms at a time during the run and records how late it wakes. */
export interface PythonWakeProbe {
  readonly sleepMs: number;
  readonly samples: number;
  /** How late the same sleep wakes before the run, with nothing else running: the operating system's share. */
  readonly idleP50Ms: number;
  readonly lateP50Ms: number;
  readonly lateP95Ms: number;
  readonly lateMaxMs: number;
  readonly lateMeanMs: number;
}

/** How the harness's clock maps onto the lab's: ping midpoints, the shortest round trip wins. */
export interface PythonClockAlignment {
  /** Added to a harness time, gives the lab's epoch ms. */
  readonly offsetMs: number;
  /** The true offset lies within offsetMs ± this: half the shortest round trip. */
  readonly uncertaintyMs: number;
  readonly roundTripMs: number;
  readonly pings: number;
  /** Python's time.time() minus the lab's clock at the same moment. */
  readonly wallClockDifferenceMs: number;
}

/** What one Python model's run measured that only a real interpreter can show. */
export interface PythonRunStats {
  /** "CPython 3.11.7, GIL". */
  readonly interpreter: string;
  readonly executable: string;
  readonly clock: PythonClockAlignment;
  /** multiprocessing's start method (fork, spawn, forkserver) for py-processes; null otherwise. */
  readonly startMethod: string | null;
  /** sys._is_gil_enabled() after the run (an imported extension can switch it back on); true on GIL builds. */
  readonly gilEnabledAfterRun: boolean;
  /** sys.getswitchinterval() at the end of the run, in ms. */
  readonly switchIntervalMs: number;
  readonly lanes: readonly PythonLaneCost[];
  /** Where each lane's CPU time comes from: its own thread's clock, or its own process's. */
  readonly cpuSource: 'time.thread_time' | 'time.process_time';
  readonly wakeProbe: PythonWakeProbe;
}

/** One interpreter as the catalog lists it. */
export interface PythonInterpreterInfo {
  readonly path: string;
  readonly version: string;
  readonly build: 'GIL' | 'free-threaded';
  /** "CPython 3.11.7, GIL": the heading the picker groups Python models under. */
  readonly label: string;
}

/** What the catalog says about Python: the interpreters found, or why none is usable. */
export interface PythonCatalog {
  readonly interpreters: readonly PythonInterpreterInfo[];
  /** Why no Python model can run (not found, too old, failed to start: its first line of error); null when one can. */
  readonly unavailable: string | null;
}

/** One file of the Python a model ran, as the "Python code" view shows it (read-only). */
export interface PythonSourceFile {
  /** Relative to the harness folder: "concurrency_lab/file_processor.py". */
  readonly path: string;
  readonly text: string;
  /** The line the model's own code starts at ("class ThreadedFileProcessor"), to scroll to; null for a whole file. */
  readonly focus: string | null;
}

/** The Python a model runs for a scenario: its program first, then what it calls. */
export interface PythonSource {
  readonly model: string;
  readonly files: readonly PythonSourceFile[];
}

/** One measured figure: its name, its value in words, and how it was measured. */
export interface PythonFigure {
  readonly label: string;
  readonly value: string;
  readonly how: string;
}

/** The CPU time the lanes got, as a share of the wall time their tasks took (null when nothing ran). */
export function cpuShare(stats: PythonRunStats): number | null {
  const busy = stats.lanes.reduce((sum, lane) => sum + lane.busyMs, 0);
  const cpu = stats.lanes.reduce((sum, lane) => sum + lane.cpuMs, 0);
  return busy > 0 ? Math.min(1, cpu / busy) : null;
}

function laneShare(lane: PythonLaneCost): string {
  return lane.busyMs > 0 ? formatPercent(Math.min(100, (100 * lane.cpuMs) / lane.busyMs)) : '—';
}

/** Every figure of a Python run, in the order the UI and the Markdown export list them. */
export function pythonFigures(stats: PythonRunStats): PythonFigure[] {
  const share = cpuShare(stats);
  const processes = stats.cpuSource === 'time.process_time';
  const lanes = stats.lanes.map((lane) => `${lane.label} ${laneShare(lane)}`).join(', ');
  const waitMs = stats.lanes.reduce((sum, lane) => sum + Math.max(0, lane.busyMs - lane.cpuMs), 0);
  const probe = stats.wakeProbe;
  const clock = stats.clock;
  return [
    {
      label: 'CPU while busy',
      value: share === null ? '—' : `${formatPercent(share * 100)}${lanes ? ` (${lanes})` : ''}`,
      how: processes
        ? 'CPU time each worker process got (time.process_time) ÷ the wall time its tasks took. Each process has its own interpreter and GIL, so CPU-bound work stays near 100%.'
        : 'CPU time each thread got (time.thread_time) ÷ the wall time its tasks took. A CPU-bound thread below 100% spent the rest waiting for the GIL; an I/O-bound one mostly waited for I/O.',
    },
    {
      label: processes ? 'Time not on a CPU' : 'Time not on a CPU (GIL or I/O waits)',
      value: `${formatDuration(waitMs)} in all`,
      how: 'The wall time the tasks took minus the CPU time they got, summed over the lanes: waiting for the GIL, for I/O, or for a core.',
    },
    {
      label: '1 ms sleep woke late by',
      value:
        probe.samples === 0
          ? 'no samples'
          : `p50 ${formatDelay(probe.lateP50Ms)}, p95 ${formatDelay(probe.lateP95Ms)}, max ${formatDelay(probe.lateMaxMs)} (idle p50 ${formatDelay(probe.idleP50Ms)}, ${probe.samples} samples)`,
      how: 'A probe thread in the harness sleeps 1 ms at a time during the run and records how late it wakes. After the sleep it needs the GIL back, so lateness beyond the idle figure (measured before the run) is time spent waiting for it — up to the switch interval while other threads compute.',
    },
    {
      label: 'Switch interval',
      value: `${formatDelay(stats.switchIntervalMs)}${stats.gilEnabledAfterRun ? '' : ' (GIL off)'}`,
      how: 'sys.getswitchinterval() at the end of the run: how long a thread may hold the GIL while another waits for it. It follows the lab’s switch-interval knob, the one the simulated GIL uses.',
    },
    {
      label: 'GIL after the run',
      value: stats.gilEnabledAfterRun ? 'on' : 'off',
      how: 'sys._is_gil_enabled() after the run (always on for a GIL build): importing an extension can switch a free-threaded build’s GIL back on.',
    },
    {
      label: 'Clock alignment',
      value: `within ± ${formatDuration(clock.uncertaintyMs)} (${clock.pings} pings)`,
      how: `Every task time the harness reports (its perf_counter, ms since it started) plus ${clock.offsetMs.toFixed(3)} ms is the lab’s clock: the offset at the midpoint of the fastest of ${clock.pings} pings, whose round trip took ${formatDuration(clock.roundTripMs)}, so it is right to within half that. Python’s time.time() differed from the lab’s clock by ${formatDuration(clock.wallClockDifferenceMs)}.`,
    },
    {
      label: 'Interpreter',
      value: `${stats.interpreter}${stats.startMethod ? `, ${stats.startMethod} start method` : ''}`,
      how: `${stats.executable}${stats.startMethod ? '; multiprocessing’s start method for the worker processes' : ''}.`,
    },
  ];
}

/** The Notes column's remark on a Python run: the CPU share and the probe's lateness, short. */
export function pythonNote(stats: PythonRunStats): string {
  const share = cpuShare(stats);
  const who =
    stats.lanes.length === 1
      ? stats.lanes[0]!.label
      : stats.cpuSource === 'time.process_time'
        ? 'processes'
        : 'threads';
  const parts = [
    ...(share === null ? [] : [`${who} on a CPU ${formatPercent(share * 100)} of busy time`]),
    ...(stats.wakeProbe.samples > 0
      ? [`1 ms sleep woke ${formatDelay(stats.wakeProbe.lateP50Ms)} late (p50)`]
      : []),
    ...(stats.gilEnabledAfterRun ? [] : ['GIL off']),
  ];
  return parts.join('; ');
}
