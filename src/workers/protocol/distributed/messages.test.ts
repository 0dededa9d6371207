import { describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES, decodeMessage, resultMessageSchema, taskMessageSchema } from './messages';
import { PROTOCOL_VERSION } from './subjects';
import { encodeWire } from './wire-codec';

const task = {
  v: PROTOCOL_VERSION,
  runId: 'a1b2c3d4-0000-4000-8000-000000000000',
  task: 3,
  workload: 'sleep',
  input: { ms: 5, token: 3 },
  ackWaitMs: 5000,
  publishedAt: 1_700_000_000_000,
};

describe('messages', () => {
  it('accepts a well-formed task', () => {
    const decoded = decodeMessage(taskMessageSchema, encodeWire(task), MAX_PAYLOAD_BYTES);
    expect(decoded).toEqual({ ok: true, value: task });
  });

  it('rejects a task naming a workload that is not registered, in words naming the field', () => {
    const decoded = decodeMessage(taskMessageSchema, encodeWire({ ...task, workload: 'rm -rf /' }), 1e6);
    expect(decoded).toEqual({
      ok: false,
      problem: expect.stringMatching(/^workload must name a registered/),
    });
  });

  it('rejects another protocol version, a bad run id, and a message over the size limit', () => {
    expect(decodeMessage(taskMessageSchema, encodeWire({ ...task, v: 99 }), 1e6)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^v must be protocol version/),
    });
    expect(decodeMessage(taskMessageSchema, encodeWire({ ...task, runId: 'a.b' }), 1e6)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^runId/),
    });
    expect(decodeMessage(taskMessageSchema, encodeWire(task), 10)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/bytes, more than the 10 allowed/),
    });
    expect(decodeMessage(taskMessageSchema, new TextEncoder().encode('not json'), 1e6)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^not JSON/),
    });
  });

  it('accepts both shapes of result and keeps typed outputs', () => {
    const common = {
      ...task,
      workerId: 'w1',
      host: 'laptop',
      pid: 42,
      delivery: 1,
      startedAt: 1,
      endedAt: 2,
    };
    const { workload: _w, input: _i, ackWaitMs: _a, publishedAt: _p, ...base } = common;
    const ok = decodeMessage(
      resultMessageSchema,
      encodeWire({ ...base, ok: true, output: { inverse: new Float64Array([1, 2]) } }),
      1e6,
    );
    expect(ok.ok && ok.value.ok && (ok.value.output as { inverse: unknown }).inverse).toBeInstanceOf(
      Float64Array,
    );
    const failed = decodeMessage(resultMessageSchema, encodeWire({ ...base, ok: false, error: 'boom' }), 1e6);
    expect(failed).toMatchObject({ ok: true, value: { ok: false, error: 'boom' } });
    const neither = decodeMessage(resultMessageSchema, encodeWire({ ...base, ok: 'maybe' }), 1e6);
    expect(neither.ok).toBe(false);
  });
});
