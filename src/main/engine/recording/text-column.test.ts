import { describe, expect, it } from 'vitest';
import { TextColumn } from './text-column';

describe('TextColumn', () => {
  it('gives back every task text as written, past many growths of its buffer', () => {
    const column = new TextColumn(100_000);
    for (let task = 0; task < 100_000; task += 2) column.set(task, `{ token: ${task}, ms: 1 }`);
    expect(column.get(0)).toBe('{ token: 0, ms: 1 }');
    expect(column.get(99_998)).toBe('{ token: 99998, ms: 1 }');
    expect(column.get(1)).toBeUndefined();
  });

  it('keeps text outside ASCII intact, and an empty text apart from no text', () => {
    const column = new TextColumn(3);
    column.set(0, 'ünïcode ☃ 𝄞 "quoted"');
    column.set(1, '');
    expect(column.get(0)).toBe('ünïcode ☃ 𝄞 "quoted"');
    expect(column.get(1)).toBe('');
    expect(column.get(2)).toBeUndefined();
  });

  it('takes the latest text of a task written twice, and ignores tasks outside the run', () => {
    const column = new TextColumn(2);
    column.set(1, 'first try failed');
    column.set(1, '{ count: 3 }');
    column.set(5, 'no such task');
    column.set(-1, 'no such task');
    expect(column.get(1)).toBe('{ count: 3 }');
    expect(column.get(5)).toBeUndefined();
  });

  it('grows to any number when made growing, and keeps what was written before it grew', () => {
    const column = TextColumn.growing();
    column.set(3, 'slot 4');
    column.set(70_000, 'slot 70001 ☃');
    column.set(-1, 'no such lane');
    expect(column.get(3)).toBe('slot 4');
    expect(column.get(70_000)).toBe('slot 70001 ☃');
    expect(column.get(69_999)).toBeUndefined();
    expect(column.get(200_000)).toBeUndefined();
  });
});
