import { describe, expect, it } from 'vitest';
import type { DataPassingRow } from '../../../../../shared/lessons/data-passing';
import { foldDataPassingRow, payloadSizes } from './data-passing-form';

const MB = 1024 * 1024;

function row(bytes: number, ms: number, mode: DataPassingRow['mode'] = 'clone'): DataPassingRow {
  return { carrier: 'threads', mode, bytes, ms, msPerMb: ms, touchMs: 0, ok: true };
}

describe('lesson progress folding', () => {
  it('adds data-passing rows as they are measured, replacing a row measured again', () => {
    let rows = foldDataPassingRow([], row(1024, 1));
    rows = foldDataPassingRow(rows, row(4096, 2));
    rows = foldDataPassingRow(rows, row(1024, 3, 'transfer'));
    rows = foldDataPassingRow(rows, row(1024, 5));
    expect(rows.map((r) => [r.mode, r.bytes, r.ms])).toEqual([
      ['clone', 1024, 5],
      ['clone', 4096, 2],
      ['transfer', 1024, 3],
    ]);
  });
});

describe('lesson forms', () => {
  it('measures payloads a quarter of each other, ending at the slider’s size and never below 1 KB', () => {
    expect(payloadSizes(16 * MB, 3)).toEqual([MB, 4 * MB, 16 * MB]);
    expect(payloadSizes(4096, 5)).toEqual([1024, 4096]);
  });
});
