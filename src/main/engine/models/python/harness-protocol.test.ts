import { describe, expect, it } from 'vitest';
import { parseHarnessLine } from './harness-protocol';

describe('parseHarnessLine', () => {
  it('accepts the messages of the protocol', () => {
    const line = '{"type":"finished","task":3,"lane":1,"startedAt":1.5,"endedAt":2.5,"output":{"count":49}}';
    expect(parseHarnessLine(line)).toEqual({
      message: { type: 'finished', task: 3, lane: 1, startedAt: 1.5, endedAt: 2.5, output: { count: 49 } },
    });
  });

  it('rejects a line that is not JSON, quoting it', () => {
    expect(parseHarnessLine('Traceback (most recent call last):')).toEqual({
      problem: 'a line that is not JSON: "Traceback (most recent call last):"',
    });
  });

  it('rejects a message of the wrong shape, naming the field', () => {
    const result = parseHarnessLine('{"type":"started","task":-1,"lane":0,"at":5}');
    expect(result).toHaveProperty('problem');
    if ('problem' in result)
      expect(result.problem).toMatch(/^a message the lab does not understand \(task: /);
  });

  it('rejects an unknown message type and cuts long lines short', () => {
    const result = parseHarnessLine(JSON.stringify({ type: 'gossip', text: 'x'.repeat(1000) }));
    expect(result).toHaveProperty('problem');
    if ('problem' in result) {
      expect(result.problem).toMatch(
        /^a message of unknown type "gossip": "\{\\"type\\":\\"gossip\\",\\"text\\":\\"x+…"$/,
      );
      expect(result.problem.length).toBeLessThan(300);
    }
  });
});
