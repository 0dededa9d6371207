import { describe, expect, it } from 'vitest';
import { sampleRun } from './fixtures.test-support';
import { REPORT_FORMATS, formatReport } from './index';

describe('formatReport', () => {
  it('renders each format', () => {
    const run = sampleRun();
    expect(formatReport(run, 'table')).toContain('Model  ');
    expect(JSON.parse(formatReport(run, 'json'))).toHaveProperty('results');
    expect(formatReport(run, 'csv').startsWith('scenario,model,state,')).toBe(true);
    expect(formatReport(run, 'markdown').startsWith('## ')).toBe(true);
  });

  it('colours only the table, only when asked', () => {
    const run = sampleRun();
    for (const format of REPORT_FORMATS) expect(formatReport(run, format)).not.toContain('\u001b[');
    expect(formatReport(run, 'table', { color: true })).toContain('\u001b[');
  });

  it('ends every format with one newline', () => {
    for (const format of REPORT_FORMATS) expect(formatReport(sampleRun(), format)).toMatch(/[^\n]\r?\n$/);
  });
});
