import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvField, formatCsv } from './csv';
import { FAILURE_MESSAGE, WRONG_ANSWER_NOTE, sampleRun } from './fixtures.test-support';

/** A small RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

describe('formatCsv', () => {
  it('parses back to the header and one row per model', () => {
    const run = sampleRun();
    const rows = parseCsv(formatCsv(run));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows.slice(1).map((row) => row[1])).toEqual(run.results.map((m) => m.model));
    for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
  });

  it('keeps a note with commas and quotes intact through quoting', () => {
    const text = formatCsv(sampleRun({ wrongAnswer: true }));
    const threads = parseCsv(text).find((row) => row[1] === 'threads');
    expect(threads?.[CSV_COLUMNS.indexOf('notes')]).toBe(`6 threads share 2 cores; ${WRONG_ANSWER_NOTE}`);
    expect(threads?.[CSV_COLUMNS.indexOf('check_ok')]).toBe('false');
    expect(text).toContain('""61,727 words""');
  });

  it('writes raw numbers rounded to 3 decimals and empty fields for null', () => {
    const rows = parseCsv(formatCsv(sampleRun({ cancelled: true })));
    const col = (name: (typeof CSV_COLUMNS)[number]): number => CSV_COLUMNS.indexOf(name);
    const threads = rows.find((row) => row[1] === 'threads') ?? [];
    expect(threads[col('p95_ms')]).toBe('255.625');
    expect(threads[col('throughput')]).toBe('22.945');
    const processes = rows.find((row) => row[1] === 'processes') ?? [];
    expect(processes[col('state')]).toBe('cancelled');
    expect(processes[col('cpu_utilization')]).toBe('');
    expect(processes[col('check_ok')]).toBe('');
  });

  it('ends records with CRLF', () => {
    const text = formatCsv(sampleRun());
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(7);
  });

  it('quotes fields holding commas, quotes or line breaks, and only those', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField(FAILURE_MESSAGE)).toBe('"Error: bad input, got ""NaN"" words"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(1 / 3)).toBe('0.333');
    expect(csvField(null)).toBe('');
  });
});

describe('formatCsv: the busy machine', () => {
  it('gives each model the other processes’ CPU while it ran, and whether the machine was busy', () => {
    const run = {
      ...sampleRun(),
      load: { windows: [{ during: 'threads', otherCpuPercent: 93.25, ms: 300 }] },
    };
    const [header, ...rows] = formatCsv(run).trimEnd().split('\r\n');
    expect(header!.endsWith(',other_cpu_percent,machine_busy')).toBe(true);
    const threads = rows.find((row) => row.startsWith(`${run.scenario},threads,`))!;
    expect(threads.endsWith(',93.25,true')).toBe(true);
    const sequential = rows.find((row) => row.startsWith(`${run.scenario},sequential,`))!;
    expect(sequential.endsWith(',,true')).toBe(true);
  });
});
