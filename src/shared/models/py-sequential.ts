/** `py-sequential`: a plain for loop in a real CPython, the baseline every Python speedup is measured against. */
import { CPYTHON_FAMILY, CPYTHON_NOTES } from './cpython';
import { defineModel } from './model-spec';

/** The py-sequential model's entry. */
export const PY_SEQUENTIAL = defineModel({
  id: 'py-sequential',
  label: 'Python sequential',
  python: 'a plain for loop (real CPython)',
  summary:
    'One task after another on the main thread of a real CPython: the baseline of the Python models, and the measure of how much slower CPython computes than Node.',
  family: CPYTHON_FAMILY,
  runsOn: 'the main thread of a Python harness process',
  poolKnobs: [],
  baseline: 'py-sequential',
  defaultSelected: false,
  colors: { light: '#56677a', dark: '#a3b4c7', presenterLight: '#3b4b5d', presenterDark: '#bccde0' },
  gilTrack: false,
  interleaved: false,
  notes: CPYTHON_NOTES,
  verdict: {
    kind: 'baseline',
    unbeaten:
      'No Python model beat the plain loop: under the GIL, per-task overhead outweighed what Python could overlap here',
  },
  claims: {},
});
