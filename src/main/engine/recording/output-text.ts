/**
 * A task's output in a few words for the timeline's tooltip: plain values as they are, objects as
 * their first fields, typed arrays and buffers by size. Outputs are untyped (they crossed a message
 * boundary) and may be large, so nothing here walks more than a few fields.
 */
import { TASK_TEXT_LIMIT } from '../../../shared/timeline';

const FIELDS = 4;

function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

function scalar(value: unknown): string | null {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(clip(value, 40));
    case 'number':
      return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
    case 'bigint':
      return `${value}n`;
    case 'boolean':
    case 'undefined':
      return String(value);
    default:
      return null;
  }
}

function sized(value: object): string | null {
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${value.byteLength} bytes)`;
  if (value instanceof ArrayBuffer || value instanceof SharedArrayBuffer)
    return `${value.constructor.name}(${value.byteLength} bytes)`;
  if (Array.isArray(value)) return `[${value.length} items]`;
  return null;
}

/** The output in at most TASK_TEXT_LIMIT characters, e.g. `{ count: 9592 }`. */
export function describeOutput(output: unknown): string {
  const plain = scalar(output);
  if (plain !== null) return plain;
  if (typeof output !== 'object' || output === null) return typeof output;
  const size = sized(output);
  if (size !== null) return size;
  const keys = Object.keys(output);
  const parts = keys.slice(0, FIELDS).map((key) => {
    const value = (output as Record<string, unknown>)[key];
    const text =
      scalar(value) ?? (typeof value === 'object' && value !== null ? (sized(value) ?? '{…}') : '…');
    return `${key}: ${text}`;
  });
  if (keys.length > FIELDS) parts.push(`… ${keys.length - FIELDS} more`);
  return clip(`{ ${parts.join(', ')} }`, TASK_TEXT_LIMIT);
}

/** An error message within TASK_TEXT_LIMIT characters. */
export function describeError(message: string): string {
  return clip(message, TASK_TEXT_LIMIT);
}
