/** `py-asyncio`: asyncio.gather in a real CPython, at most the concurrency knob's tasks in flight. */
import { atLeast, atMost } from '../claim-tolerance';
import { formatSpeedupApprox } from '../format';
import { CPYTHON_FAMILY, CPYTHON_NOTES } from './cpython';
import { defineModel } from './model-spec';

/** The py-asyncio model's entry. */
export const PY_ASYNCIO = defineModel({
  id: 'py-asyncio',
  label: 'Python asyncio',
  python: 'asyncio.gather (real CPython)',
  summary:
    'Coroutines on one event loop of a real CPython (a semaphore is the concurrency limit): waits overlap, computing does not.',
  family: CPYTHON_FAMILY,
  runsOn: 'the event loop of a Python harness process',
  poolKnobs: ['concurrency'],
  baseline: 'py-sequential',
  defaultSelected: false,
  colors: { light: '#00838f', dark: '#4fd3e0', presenterLight: '#006570', presenterDark: '#6ee8f5' },
  gilTrack: false,
  interleaved: true,
  notes: CPYTHON_NOTES,
  verdict: {
    kind: 'contender',
    why: {
      io: (winner) => `one Python event loop overlapped ${winner.workers ?? winner.total} waits at once`,
      cpu: () => 'nothing ran in parallel, so the model with the least overhead won',
    },
    shortfall: {
      rank: 4,
      remark: (speedup) => `stayed at ${speedup}: asyncio overlaps waiting, not computing`,
    },
  },
  claims: {
    io: ({ tasks, pool }) => {
      const overlap = Math.min(tasks, pool.concurrency ?? tasks);
      return {
        text: `asyncio overlaps the waits on one thread: up to ${formatSpeedupApprox(overlap)} faster than py-sequential`,
        expected: overlap,
        tolerance: atLeast(0.6),
        cause: 'the waits are short next to the work of scheduling every coroutine on one event loop',
      };
    },
    cpu: ({ scenario }) => ({
      text: 'asyncio does not speed up computing: one thread, one core',
      expected: 1,
      tolerance: atMost(1.1),
      cause: scenario.waitsToo
        ? `${scenario.id} is not only computing: ${scenario.waitsToo}, and asyncio overlaps those waits`
        : 'py-sequential ran first and was slowed by something else',
    }),
  },
});
