/**
 * How task inputs and outputs cross the broker: JSON, with typed arrays and bigints tagged so they come
 * back as what they were (a matrix inverse is a Float64Array on every model). Plain data only.
 */

const TYPED_ARRAYS = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
} as const;

type TypedArrayName = keyof typeof TYPED_ARRAYS;

/** The tag key; a plain object carrying it with other shapes is left alone. */
const TAG = '$lab';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

function typedArrayName(value: ArrayBufferView): TypedArrayName | null {
  const name = value.constructor.name;
  return name in TYPED_ARRAYS ? (name as TypedArrayName) : null;
}

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return { [TAG]: 'bigint', value: value.toString() };
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const name = typedArrayName(value);
    if (name) {
      const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      return { [TAG]: name, base64: bytes.toString('base64') };
    }
  }
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const tag = record[TAG];
  if (typeof tag !== 'string') return value;
  const keys = Object.keys(record);
  if (tag === 'bigint' && keys.length === 2 && typeof record.value === 'string') {
    if (!/^-?\d{1,4096}$/.test(record.value)) throw new Error('a tagged bigint is not an integer');
    return BigInt(record.value);
  }
  if (tag in TYPED_ARRAYS && keys.length === 2 && typeof record.base64 === 'string') {
    const ctor = TYPED_ARRAYS[tag as TypedArrayName];
    const bytes = Buffer.from(record.base64, 'base64');
    if (bytes.byteLength % ctor.BYTES_PER_ELEMENT !== 0)
      throw new Error(`a tagged ${tag} has ${bytes.byteLength} bytes, not a whole number of elements`);
    // Copy into a fresh, aligned buffer: Buffer.from may hand back a slice of a shared pool.
    const copy = new ArrayBuffer(bytes.byteLength);
    new Uint8Array(copy).set(bytes);
    return new ctor(copy);
  }
  return value;
}

/** Encodes a message (plain data, typed arrays, bigints) as UTF-8 JSON bytes. */
export function encodeWire(value: unknown): Uint8Array {
  const text = JSON.stringify(value, replacer);
  if (text === undefined) throw new Error('nothing to encode');
  return encoder.encode(text);
}

/** Decodes bytes made by encodeWire; throws on anything that is not UTF-8 JSON or has a malformed tag. */
export function decodeWire(bytes: Uint8Array): unknown {
  return JSON.parse(decoder.decode(bytes), reviver);
}
