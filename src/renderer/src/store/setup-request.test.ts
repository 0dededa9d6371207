import { describe, expect, it } from 'vitest';
import { draftRequest, issueFor, parseNumberText, validateDraft, type SetupDraft } from './setup-request';

const draft: SetupDraft = {
  scenario: 'io-sleep',
  knobText: { tasks: '10', taskMs: '2000' },
  models: ['sequential', 'async'],
  poolText: { threads: '', processes: '4' },
};

describe('parseNumberText', () => {
  it('reads plain, decimal and grouped numbers', () => {
    expect(parseNumberText(' 42 ')).toBe(42);
    expect(parseNumberText('0.5')).toBe(0.5);
    expect(parseNumberText('100_000')).toBe(100000);
    expect(parseNumberText('1,000')).toBe(1000);
    expect(parseNumberText('1e3')).toBe(1000);
  });

  it('leaves empty text undefined and unreadable text NaN', () => {
    expect(parseNumberText('   ')).toBeUndefined();
    expect(parseNumberText('ten')).toBeNaN();
    expect(parseNumberText('1,5')).toBeNaN();
  });
});

describe('draftRequest', () => {
  it('sends knobs as numbers and leaves empty pool settings to their defaults', () => {
    expect(draftRequest(draft)).toEqual({
      scenario: 'io-sleep',
      params: { tasks: 10, taskMs: 2000 },
      models: ['sequential', 'async'],
      pool: { processes: 4 },
    });
  });
});

describe('validateDraft', () => {
  it('accepts a valid draft', () => {
    expect(validateDraft(draft).ok).toBe(true);
  });

  it('words a knob out of range as the engine does, on the field of the request', () => {
    const result = validateDraft({ ...draft, knobText: { tasks: '0', taskMs: '2000' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(issueFor(result.issues, 'params.tasks')).toBe('must be an integer from 1 to 100000');
  });

  it('reports an empty knob instead of silently using its default', () => {
    const result = validateDraft({ ...draft, knobText: { tasks: '', taskMs: '2000' } });
    expect(!result.ok && issueFor(result.issues, 'params.tasks')).toBe('must be an integer from 1 to 100000');
  });

  it('reports bad pool settings and an empty model list', () => {
    const result = validateDraft({ ...draft, models: [], poolText: { switchIntervalMs: '0' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(issueFor(result.issues, 'pool.switchIntervalMs')).toBe('must be a number from 0.1 to 1000');
    expect(issueFor(result.issues, 'models')).toMatch(/at least one model/);
  });
});

describe('validateDraft with no model ticked', () => {
  it('still reports knob problems', () => {
    const result = validateDraft({ ...draft, models: [], knobText: { tasks: 'x', taskMs: '2000' } });
    expect(!result.ok && issueFor(result.issues, 'params.tasks')).toBe('must be an integer from 1 to 100000');
  });
});
