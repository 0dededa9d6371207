/** Flag parsing shared by every command: one line per mistake, each flag at most once, input quoted back short. */
import { errorMessage } from '../../shared/format';
import { parseArgs } from 'node:util';
import { UsageError } from './usage-error';

/** Characters of user input quoted back in a message; a 100,000-digit value must not become a 100 KB line. */
const ECHO_CHARS = 40;

/** Characters of a file path shown in a message: paths are long but must stay recognisable. */
export const PATH_CHARS = 300;

/** Input cut to ECHO_CHARS with control characters as `?`, and what to say about a cut. */
function cut(raw: string, limit: number): { readonly text: string; readonly more: string } {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach the terminal
  const printable = raw.replace(/[\u0000-\u001f\u007f]/g, '?');
  if (printable.length <= limit) return { text: printable, more: '' };
  return {
    text: `${printable.slice(0, limit)}…`,
    more: ` (${raw.length.toLocaleString('en-US')} characters)`,
  };
}

/** User input as a message may show it: cut to a readable length (saying how long it was), control characters as `?`. */
export function shortened(raw: string, limit = ECHO_CHARS): string {
  const { text, more } = cut(raw, limit);
  return `${text}${more}`;
}

/** User input in quotes for a message, cut the same way. */
export function quoted(raw: string): string {
  const { text, more } = cut(raw, ECHO_CHARS);
  return `"${text}"${more}`;
}

/** A flag a command accepts. */
export interface FlagSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** Takes numbers: `--port -1` then reads as `--port=-1` and gets the range message, not "needs a value". */
  readonly numeric?: boolean;
  /** What a value looks like, for "needs a value" messages, e.g. "an integer from 1 to 100". */
  readonly hint?: string;
}

/** What the flags of a command parsed to: every value at most once. */
export type FlagValues = Readonly<Record<string, string | boolean | undefined>>;

/** `--tasks -5` reads to parseArgs as a flag followed by another flag; joined as `--tasks=-5` it gets a range check. */
function joinNegativeValues(args: readonly string[], flags: Readonly<Record<string, FlagSpec>>): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    if (arg.startsWith('--') && flags[arg.slice(2)]?.numeric && next !== undefined && /^-[\d.]/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else joined.push(arg);
  }
  return joined;
}

/** parseArgs' error in the CLI's own style: one line, the flag first. */
function rewordError(error: unknown, flags: Readonly<Record<string, FlagSpec>>, command: string): string {
  const code = (error as { code?: string }).code;
  const message = errorMessage(error);
  // "Option '-s, --scenario <value>' argument missing": name the long form.
  const flag = /(--[\w-]+)/.exec(message)?.[1] ?? /'(-\w)/.exec(message)?.[1];
  const help = `(see: concurrency-lab ${command} --help)`;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) return `unknown flag ${shortened(flag)} ${help}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag) {
    const hint = flags[flag.replace(/^-+/, '')]?.hint;
    return `${flag} needs a value${hint ? `: ${hint}` : ''} ${help}`;
  }
  return `${message.split('\n')[0]} ${help}`;
}

/**
 * Parses `args` against `flags`, or throws a UsageError with one line to print: an unknown flag, a
 * missing value, a flag given twice (the last one silently winning would hide a typo) or a stray argument.
 */
export function parseFlags(
  args: readonly string[],
  flags: Readonly<Record<string, FlagSpec>>,
  command: string,
): FlagValues {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, spec] of Object.entries(flags))
    options[name] = { type: spec.type, ...(spec.short ? { short: spec.short } : {}) };
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; tokens: true; allowPositionals: true }>>;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(args, flags),
      options,
      strict: true,
      allowPositionals: true,
      tokens: true,
    });
  } catch (error) {
    throw new UsageError(rewordError(error, flags, command));
  }
  const seen = new Map<string, string>();
  for (const token of parsed.tokens) {
    if (token.kind === 'positional') {
      throw new UsageError(
        `unexpected argument ${quoted(token.value)}: every setting is a --flag (see: concurrency-lab ${command} --help)`,
      );
    }
    if (token.kind !== 'option') continue;
    const value = token.value ?? '';
    const earlier = seen.get(token.name);
    if (earlier !== undefined) {
      const values = flags[token.name]?.type === 'string' ? ` (${quoted(earlier)} and ${quoted(value)})` : '';
      throw new UsageError(`--${token.name} is given twice${values}: give it once`);
    }
    seen.set(token.name, value);
  }
  return parsed.values as FlagValues;
}
