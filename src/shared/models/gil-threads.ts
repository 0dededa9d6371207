/** `gil-threads`: the threads pool, every thread running workload code only while it holds one simulated GIL. */
import { atLeast, atMost } from '../claim-tolerance';
import { formatPercent } from '../format';
import { defineModel, NODE_FAMILY, type NotesInput } from './model-spec';

/** How hard the GIL was contended: its share of the wall time held, the tasks' share spent waiting, switches. */
function gilNotes(result: NotesInput): string[] {
  if (!result.gil) return [];
  const { holdMs, waitMs, switches } = result.gil;
  const { startedAt, endedAt } = result.timeline;
  let taskMs = 0;
  for (let i = 0; i < endedAt.length; i++) taskMs += endedAt[i]! - startedAt[i]!;
  const held = result.wallMs > 0 ? (holdMs / result.wallMs) * 100 : 0;
  const waited = taskMs > 0 ? (waitMs / taskMs) * 100 : 0;
  return [
    `GIL held ${formatPercent(held)} of the time, tasks waited ${formatPercent(waited)} for it, ${switches} switch${switches === 1 ? '' : 'es'}`,
  ];
}

/** The gil-threads model's entry. */
export const GIL_THREADS = defineModel({
  id: 'gil-threads',
  label: 'GIL threads',
  python: 'threads under the GIL',
  summary: 'The same pool, but code runs only while holding one simulated GIL: I/O overlaps, CPU does not.',
  family: NODE_FAMILY,
  runsOn: 'a pool of worker threads sharing one simulated GIL',
  poolKnobs: ['threads', 'switchIntervalMs', 'taskTimeoutMs'],
  baseline: 'sequential',
  colors: { light: '#b77900', dark: '#f2b733', presenterLight: '#9a5b00', presenterDark: '#ffc845' },
  gilTrack: true,
  interleaved: false,
  notes: { startup: true, extra: gilNotes },
  verdict: {
    kind: 'contender',
    why: {
      io: (winner) =>
        `${winner.workers} threads overlapped their waits — waiting needs no core, so even the GIL does not stop it`,
      cpu: () => 'nothing ran in parallel, so the model with the least overhead won',
    },
    shortfall: {
      rank: 1,
      remark: (speedup) => `reached only ${speedup}: under the GIL one thread computes at a time`,
    },
  },
  claims: {
    io: ({ tasks, pool, speedupOf }) => {
      const threads = speedupOf('threads');
      const cause =
        'the GIL was held between the waits for longer than the waits themselves (short waits, a long switch interval)';
      if (threads === undefined) {
        const overlap = Math.min(tasks, pool.threads);
        return {
          text: `the GIL does not stop waits from overlapping: ${pool.threads} threads overlap ${overlap} waits at a time`,
          expected: overlap,
          tolerance: atLeast(0.6),
          cause,
        };
      }
      return {
        text: 'the GIL does not stop waits from overlapping: gil-threads keep up with threads',
        expected: threads,
        // "Keep up": most of what threads reached; taking the GIL around each task costs a little.
        tolerance: atLeast(0.8),
        cause,
      };
    },
    cpu: ({ scenario }) => ({
      text: 'under the GIL, threads take turns: no speedup for computing',
      expected: 1,
      tolerance: atMost(1.1),
      cause: scenario.waitsToo
        ? `${scenario.id} is not only computing: ${scenario.waitsToo}, and a waiting thread lets go of the GIL`
        : "work outside the simulated GIL: it guards the workload's own code, while V8 allocates, collects garbage and compiles on helper threads in parallel",
    }),
  },
});
