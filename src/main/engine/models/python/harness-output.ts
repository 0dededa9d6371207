/** Harness outputs back in the shapes the Node workloads return, so every scenario's check() reads them alike. */

/** The wire form of a Float64Array: its little-endian bytes in base64 (exact, and compact). */
interface Float64Payload {
  readonly $float64: string;
}

function isFloat64Payload(value: unknown): value is Float64Payload {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { $float64?: unknown }).$float64 === 'string' &&
    Object.keys(value).length === 1
  );
}

function toFloat64Array(base64: string): Float64Array | null {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length % 8 !== 0) return null;
  const values = new Float64Array(bytes.length / 8);
  for (let i = 0; i < values.length; i++) values[i] = bytes.readDoubleLE(i * 8);
  return values;
}

/**
 * An output as the Node workload would have returned it: top-level `{"$float64": …}` fields become
 * Float64Arrays. Anything malformed is passed through unchanged for the scenario's check to reject.
 */
export function decodeHarnessOutput(output: unknown): unknown {
  if (output === null || typeof output !== 'object' || Array.isArray(output)) return output;
  const entries = Object.entries(output as Record<string, unknown>);
  if (!entries.some(([, value]) => isFloat64Payload(value))) return output;
  return Object.fromEntries(
    entries.map(([key, value]) => [
      key,
      isFloat64Payload(value) ? (toFloat64Array(value.$float64) ?? value) : value,
    ]),
  );
}
