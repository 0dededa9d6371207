/** The data-passing lesson's form (the largest payload and how many sizes below it) and its rows as they are measured. */
import { DATA_PASSING_KNOBS, type DataPassingRow } from '../../../../../shared/lessons/data-passing';
import type { EngineLessonForm } from '../engine-lesson-form';
import { knobField } from '../lesson-field';

const MB = 1024 * 1024;

/** The payload sizes measured: `count` sizes ending at `largest`, each a quarter of the next, none below the knob's minimum. */
export function payloadSizes(largest: number, count: number): number[] {
  const sizes: number[] = [];
  for (let i = 0, bytes = largest; i < count && bytes >= DATA_PASSING_KNOBS.bytes.min; i++, bytes /= 4)
    sizes.unshift(Math.round(bytes));
  return sizes;
}

function sameRow(a: DataPassingRow, b: DataPassingRow): boolean {
  return a.carrier === b.carrier && a.mode === b.mode && a.bytes === b.bytes;
}

/** The rows with one more measured; a row measured again replaces the old one. */
export function foldDataPassingRow(
  rows: readonly DataPassingRow[],
  row: DataPassingRow,
): readonly DataPassingRow[] {
  const index = rows.findIndex((r) => sameRow(r, row));
  if (index < 0) return [...rows, row];
  return rows.map((r, i) => (i === index ? row : r));
}

/** The data-passing lesson's form. */
export const dataPassingForm: EngineLessonForm<'data-passing'> = {
  fields: [
    knobField(DATA_PASSING_KNOBS.bytes, String(16 * MB)),
    knobField(DATA_PASSING_KNOBS.sizes, '5'),
    knobField(DATA_PASSING_KNOBS.repeats, '3'),
    knobField(DATA_PASSING_KNOBS.latencySamples, '200'),
  ],
  request: (value) => ({
    sizes: payloadSizes(value('bytes')!, value('sizes')!),
    repeats: value('repeats')!,
    latencySamples: value('latencySamples')!,
  }),
  live: {
    cleared: { rows: [] },
    fold: (live, { row }) => ({ rows: foldDataPassingRow(live.rows, row) }),
    fromResult: (result) => ({ rows: result.rows }),
  },
};
