/** `sequential`: one task after another on one thread, the plain loop every Node speedup is measured against. */
import { defineModel, NODE_FAMILY } from './model-spec';

/** The sequential model's entry. */
export const SEQUENTIAL = defineModel({
  id: 'sequential',
  label: 'Sequential',
  python: 'a plain for loop',
  summary: 'One task after another on one thread: the baseline every speedup is measured against.',
  family: NODE_FAMILY,
  runsOn: 'the calling thread (in the app, one dedicated worker thread)',
  poolKnobs: [],
  baseline: 'sequential',
  colors: { light: '#6f4fc2', dark: '#a98bf0', presenterLight: '#5b2fc4', presenterDark: '#c3aaff' },
  gilTrack: false,
  interleaved: false,
  notes: { startup: false },
  verdict: {
    kind: 'baseline',
    unbeaten:
      'No model beat the plain loop: per-task overhead outweighed what concurrency could overlap here',
  },
  claims: {},
});
