/** The data-passing lesson's rows as chart series: one line per carrier and mode, milliseconds per megabyte by size. */
import type { DataCarrier, DataPassingMode, DataPassingRow } from '../../../shared/lessons/data-passing';

/** One line of the chart. */
export interface PassingSeries {
  readonly carrier: DataCarrier;
  readonly mode: DataPassingMode;
  readonly label: string;
  /** x: payload bytes, y: ms per MB; by size. */
  readonly points: readonly { readonly x: number; readonly y: number }[];
}

/** Every carrier and mode the lesson measures, in the order the legend lists them. */
export const PASSING_WAYS: readonly { readonly carrier: DataCarrier; readonly mode: DataPassingMode }[] = [
  { carrier: 'threads', mode: 'clone' },
  { carrier: 'threads', mode: 'transfer' },
  { carrier: 'threads', mode: 'shared' },
  { carrier: 'processes', mode: 'clone' },
];

const MODE_WORDS: Readonly<Record<DataPassingMode, string>> = {
  clone: 'structured clone',
  transfer: 'transfer',
  shared: 'SharedArrayBuffer',
};

/** "threads · structured clone". */
export function passingLabel(carrier: DataCarrier, mode: DataPassingMode): string {
  return `${carrier} · ${MODE_WORDS[mode]}`;
}

/** The rows as series, each sorted by size; ways not measured yet have no points. */
export function passingSeries(rows: readonly DataPassingRow[]): PassingSeries[] {
  return PASSING_WAYS.map(({ carrier, mode }) => ({
    carrier,
    mode,
    label: passingLabel(carrier, mode),
    points: rows
      .filter((row) => row.carrier === carrier && row.mode === mode)
      .sort((a, b) => a.bytes - b.bytes)
      .map((row) => ({ x: row.bytes, y: row.msPerMb })),
  }));
}

/** Round values (1, 2, 5 times a power of ten) spanning [min, max], for a logarithmic axis. */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max >= min)) return [];
  const ticks: number[] = [];
  for (let power = Math.floor(Math.log10(min)); power <= Math.ceil(Math.log10(max)); power++) {
    for (const m of [1, 2, 5]) {
      const value = m * 10 ** power;
      if (value >= min / 1.0001 && value <= max * 1.0001) ticks.push(Number(value.toPrecision(3)));
    }
  }
  return ticks;
}
