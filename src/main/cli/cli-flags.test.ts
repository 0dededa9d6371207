import { describe, expect, it } from 'vitest';
import { parseFlags, quoted, shortened, type FlagSpec } from './cli-flags';
import { UsageError } from './usage-error';

const FLAGS: Record<string, FlagSpec> = {
  count: { type: 'string', numeric: true, hint: 'an integer from 1 to 9' },
  name: { type: 'string', short: 'n' },
  loud: { type: 'boolean' },
};

function refusal(args: readonly string[]): string {
  try {
    parseFlags(args, FLAGS, 'demo');
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('no usage error');
}

describe('quoted and shortened', () => {
  it('quote short input as it is', () => {
    expect(quoted('42')).toBe('"42"');
    expect(shortened('0.0.0.0')).toBe('0.0.0.0');
  });

  it('cut long input to a readable length and say how long it was', () => {
    const digits = '1'.repeat(100_000);
    expect(quoted(digits)).toBe(`"${'1'.repeat(40)}…" (100,000 characters)`);
    expect(shortened(digits).length).toBeLessThan(80);
  });

  it('never pass control characters to the terminal', () => {
    expect(quoted('a\u001b[2Jb\n')).toBe('"a?[2Jb?"');
  });
});

describe('parseFlags', () => {
  it('parses long, short and --flag=value forms', () => {
    expect(parseFlags(['--count', '3', '-n', 'x', '--loud'], FLAGS, 'demo')).toEqual({
      count: '3',
      name: 'x',
      loud: true,
    });
    expect(parseFlags(['--count=4'], FLAGS, 'demo')).toEqual({ count: '4' });
  });

  it('reads a negative number after a numeric flag as its value, so the range check words the problem', () => {
    expect(parseFlags(['--count', '-1'], FLAGS, 'demo')).toEqual({ count: '-1' });
    expect(refusal(['--name', '-1'])).toMatch(/^--name needs a value/);
  });

  it.each([
    [['--count', '3', '--count', '4'], '--count is given twice ("3" and "4"): give it once'],
    [['--count', '3', '--count=3'], '--count is given twice ("3" and "3"): give it once'],
    [['-n', 'a', '--name', 'b'], '--name is given twice ("a" and "b"): give it once'],
    [['--loud', '--loud'], '--loud is given twice: give it once'],
  ])('refuses %j: a repeated flag would silently take the last value', (args, message) => {
    expect(refusal(args)).toBe(message);
  });

  it('refuses a stray argument in one plain line', () => {
    expect(refusal(['--loud', 'stray'])).toBe(
      'unexpected argument "stray": every setting is a --flag (see: concurrency-lab demo --help)',
    );
  });

  it('refuses an unknown flag, and a flag without its value, naming the flag', () => {
    expect(refusal(['--bogus'])).toBe('unknown flag --bogus (see: concurrency-lab demo --help)');
    expect(refusal(['--count'])).toBe(
      '--count needs a value: an integer from 1 to 9 (see: concurrency-lab demo --help)',
    );
  });

  it('keeps every message one short line, however long the input', () => {
    const huge = 'x'.repeat(100_000);
    for (const args of [[`--${huge}`], [huge], ['--count', '1', '--count', huge]]) {
      const message = refusal(args);
      expect(message).not.toContain('\n');
      expect(message.length).toBeLessThan(200);
    }
  });
});
