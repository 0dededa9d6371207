import { describe, expect, it } from 'vitest';
import { runView, summary } from '../test-support/fixtures';
import type { Claim } from '../../../shared/claims';
import { claimLine, claimsForModels, runLessonClaims } from './lessons-slice-claims';

describe('what to notice', () => {
  it('shows a claim that holds with its evidence', () => {
    expect(claimLine({ text: 'Atomics.add is exact', holds: true, evidence: 'final 40 of 40' })).toEqual({
      holds: 'true',
      lead: 'Measured:',
      text: 'Atomics.add is exact — final 40 of 40',
      detail: null,
      tolerance: null,
    });
  });

  it('carries a claim’s tolerance, and a contradiction’s likely cause', () => {
    const line = claimLine({
      text: 'threads compute in parallel: near 2× on 2 cores',
      holds: false,
      evidence: 'threads ran 1.43× faster than sequential',
      tolerance: 'holds at 1.60× or more (80% of 2.00×)',
      cause: 'other processes using the cores',
    });
    expect(line.tolerance).toBe('holds at 1.60× or more (80% of 2.00×)');
    expect(line.detail).toBe('Likely cause: other processes using the cores.');
  });

  it('says a claim was not judged on a busy machine, with the numbers it did not judge', () => {
    const line = claimLine({
      text: 'async does not speed up computing',
      holds: null,
      notJudged: 'busy-machine',
      evidence: 'async ran 1.70× faster than sequential; not judged: the machine was busy (…)',
    });
    expect(line).toMatchObject({ holds: 'null', lead: 'Not judged, busy machine:' });
    expect(line.text).toContain('async does not speed up computing — async ran 1.70×');
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

  it('keeps the claims about a model the lesson runs or about no single model, drops the others', () => {
    const claims: Claim[] = [
      { text: 'threads overlap waits', model: 'threads', holds: true, evidence: 'threads ran 5× faster' },
      // Evidence that starts with another model's name must not decide: the claim's own model does.
      {
        text: 'under the GIL, threads take turns',
        model: 'gil-threads',
        holds: null,
        evidence: 'threads did not run cleanly',
      },
      { text: 'every payload came back intact', model: null, holds: true, evidence: 'async rows: 4 of 4' },
      { text: 'one global lock order never deadlocks', holds: true, evidence: 'outcome: completed' },
    ];
    expect(claimsForModels(claims, ['sequential', 'threads']).map((claim) => claim.text)).toEqual([
      'threads overlap waits',
      'every payload came back intact',
      'one global lock order never deadlocks',
    ]);
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
    expect(claims.map((claim) => claim.model)).toEqual(['async', 'threads', 'processes']);
    expect(claims.every((claim) => claim.holds === true)).toBe(true);
  });
});
