/**
 * INTEGER (X.690 8.3) with the ranges Kerberos puts on it (RFC 4120 section 5.2.4): Int32,
 * UInt32 and Microseconds. Decoding refuses non-minimal encodings and out-of-range values.
 */

import type { DerReader } from './reader.js';
import { INTEGER } from './tags.js';
import { encodeTlv } from './writer.js';

export const INT32_MIN = -0x80000000;
export const INT32_MAX = 0x7fffffff;
export const UINT32_MAX = 0xffffffff;
export const MICROSECONDS_MAX = 999999;

/** Contents longer than this cannot hold a Kerberos integer (and stay exact in a double). */
const MAX_INTEGER_OCTETS = 6;

/** Reads an INTEGER and checks it lies in `[min, max]`. */
export function readInteger(r: DerReader, min: number, max: number): number {
  const { content, offset } = r.primitive(INTEGER);
  if (content.length === 0) r.fail('empty INTEGER', offset);

  const first = content[0] as number;
  const second = content[1];
  if (second !== undefined) {
    // X.690 8.3.2: the first nine bits must not be all zeros or all ones.
    const highBit = second & 0x80;
    if ((first === 0x00 && highBit === 0) || (first === 0xff && highBit !== 0)) {
      r.fail('non-minimal INTEGER', offset);
    }
  }
  if (content.length > MAX_INTEGER_OCTETS) r.fail('INTEGER out of range', offset);

  let value = first >= 0x80 ? first - 0x100 : first;
  for (let i = 1; i < content.length; i++) value = value * 256 + (content[i] as number);
  if (value < min || value > max) r.fail(`INTEGER ${value} out of range ${min}..${max}`, offset);
  return value;
}

/** Int32 (RFC 4120 section 5.2.4). */
export function readInt32(r: DerReader): number {
  return readInteger(r, INT32_MIN, INT32_MAX);
}

/** UInt32 (RFC 4120 section 5.2.4). */
export function readUInt32(r: DerReader): number {
  return readInteger(r, 0, UINT32_MAX);
}

/** Microseconds ::= INTEGER (0..999999) (RFC 4120 section 5.2.4). */
export function readMicroseconds(r: DerReader): number {
  return readInteger(r, 0, MICROSECONDS_MAX);
}

/**
 * A seq-number (UInt32). Negative Int32 values are accepted and read as their unsigned
 * equivalent, because older implementations encoded sequence numbers as signed (MIT's
 * decoder accepts them for the same reason).
 */
export function readSeqNumber(r: DerReader): number {
  return readInteger(r, INT32_MIN, UINT32_MAX) >>> 0;
}

/** Reads an INTEGER that must equal `expected` (pvno, msg-type). */
export function readFixedInteger(r: DerReader, expected: number, name: string): number {
  const offset = r.offset;
  const value = readInteger(r, INT32_MIN, INT32_MAX);
  if (value !== expected) r.fail(`${name} is ${value}, expected ${expected}`, offset);
  return value;
}

/** The minimal two's-complement INTEGER for a safe integer `value`. */
export function encodeInteger(value: number): Uint8Array {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer: ${value}`);

  // Two's complement, big-endian, in as few octets as keep the sign (X.690 8.3.2).
  let count = 0;
  let rest = value;
  let leading = 0;
  do {
    leading = ((rest % 256) + 256) % 256;
    rest = Math.floor(rest / 256);
    count += 1;
  } while (!isComplete(rest, leading));

  const octets = new Uint8Array(count);
  rest = value;
  for (let i = count - 1; i >= 0; i -= 1) {
    octets[i] = ((rest % 256) + 256) % 256;
    rest = Math.floor(rest / 256);
  }
  return encodeTlv(INTEGER, octets);
}

/** True once the remaining high part is pure sign extension of the leading octet. */
function isComplete(rest: number, leading: number): boolean {
  const negative = (leading & 0x80) !== 0;
  return (rest === 0 && !negative) || (rest === -1 && negative);
}

function encodeInRange(value: number, min: number, max: number, what: string): Uint8Array {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${what} out of range: ${value}`);
  }
  return encodeInteger(value);
}

/** Int32 (RFC 4120 section 5.2.4); throws RangeError outside its range. */
export function encodeInt32(value: number): Uint8Array {
  return encodeInRange(value, INT32_MIN, INT32_MAX, 'Int32');
}

/** UInt32 (RFC 4120 section 5.2.4); throws RangeError outside its range. */
export function encodeUInt32(value: number): Uint8Array {
  return encodeInRange(value, 0, UINT32_MAX, 'UInt32');
}

/** Microseconds (RFC 4120 section 5.2.4); throws RangeError outside 0..999999. */
export function encodeMicroseconds(value: number): Uint8Array {
  return encodeInRange(value, 0, MICROSECONDS_MAX, 'Microseconds');
}
