import { describe, expect, it } from 'vitest';
import { runView, summary } from '../test-support/fixtures';
import { claimLine, claimModel, runLessonClaims } from './lessons-slice-claims';

describe('what to notice', () => {
  it('shows a claim that holds with its evidence', () => {
    expect(claimLine({ text: 'Atomics.add is exact', holds: true, evidence: 'final 40 of 40' })).toEqual({
      holds: 'true',
      lead: 'Measured:',
      text: 'Atomics.add is exact — final 40 of 40',
      detail: null,
    });
  });

  it('says the measurement disagrees with a contradicted claim, never shows it as held', () => {
    const line = claimLine({
      text: 'threads compute in parallel',
      holds: false,
      evidence: 'threads ran 0.9× faster',
    });
    expect(line.holds).toBe('false');
    expect(`${line.lead} ${line.text}`).toBe(
      'The measurement disagrees: threads compute in parallel — threads ran 0.9× faster',
    );
  });

  it('says when this run cannot tell, with why', () => {
    const line = claimLine({
      text: 'threads use 2 cores',
      holds: null,
      evidence: 'this machine has one core',
    });
    expect(line).toMatchObject({
      holds: 'null',
      lead: 'This run cannot tell:',
      text: 'this machine has one core',
    });
    expect(line.detail).toContain('threads use 2 cores');
  });

  it('names the model a race claim is about from its evidence', () => {
    expect(claimModel({ text: '', holds: true, evidence: 'gil-threads ran 1.0× faster' })).toBe(
      'gil-threads',
    );
    expect(claimModel({ text: '', holds: true, evidence: 'threads ran 5× faster' })).toBe('threads');
    expect(claimModel({ text: '', holds: null, evidence: 'async and sequential did not both run' })).toBe(
      'async',
    );
  });

  it('leaves out claims about models the lesson never runs', () => {
    const view = runView('r1', ['sequential', 'async', 'threads', 'processes']);
    const run = {
      ...view.run,
      results: [
        summary('sequential', { speedup: 1 }),
        summary('async', { speedup: 9.8 }),
        summary('threads', { speedup: 4.9 }),
        summary('processes', { speedup: 2 }),
      ],
    };
    const claims = runLessonClaims(run, ['sequential', 'async', 'threads', 'processes']);
    expect(claims.map(claimModel)).toEqual(['async', 'threads', 'processes']);
    expect(claims.every((claim) => claim.holds === true)).toBe(true);
  });
});
