/**
 * DER writing (X.690 section 10): definite minimal lengths, single-octet tag numbers (all
 * Kerberos needs). Values are built bottom-up as byte arrays; messages are small.
 */

import { CLASS_BITS, SEQUENCE, applicationTag, contextTag } from './tags.js';
import type { Tag } from './tags.js';

/** The length octets for a content of `length` bytes. */
export function encodeLength(length: number): Uint8Array {
  const out = new Uint8Array(lengthSize(length));
  writeLength(out, 0, length);
  return out;
}

/** How many length octets a content of `length` bytes takes (X.690 8.1.3, definite form). */
function lengthSize(length: number): number {
  if (!Number.isSafeInteger(length) || length < 0 || length > 0xffffffff) {
    throw new RangeError(`DER length out of range: ${length}`);
  }
  if (length < 0x80) return 1;
  let octets = 1;
  while (octets < 4 && length >= 2 ** (8 * octets)) octets += 1;
  return 1 + octets;
}

/** Writes the length octets of `length` at `at` (lengthSize(length) bytes). */
function writeLength(out: Uint8Array, at: number, length: number): void {
  const size = lengthSize(length);
  if (size === 1) {
    out[at] = length;
    return;
  }
  out[at] = 0x80 | (size - 1);
  for (let i = size - 1, rest = length; i >= 1; i -= 1, rest = Math.floor(rest / 256)) {
    out[at + i] = rest % 256;
  }
}

/** One element: identifier, length and `content`, in one allocation. */
export function encodeTlv(tag: Tag, content: Uint8Array): Uint8Array {
  if (!Number.isInteger(tag.number) || tag.number < 0 || tag.number >= 0x1f) {
    throw new RangeError(`tag number out of range: ${tag.number}`);
  }
  const header = 1 + lengthSize(content.length);
  const out = new Uint8Array(header + content.length);
  out[0] = CLASS_BITS[tag.tagClass] | (tag.constructed ? 0x20 : 0) | tag.number;
  writeLength(out, 1, content.length);
  out.set(content, header);
  return out;
}

/** The bytes of `parts` one after another. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const part of parts) total += part.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A SEQUENCE of already-encoded fields; `undefined` entries (absent OPTIONALs) are skipped. */
export function encodeSequence(fields: readonly (Uint8Array | undefined)[]): Uint8Array {
  const present = fields.filter((field): field is Uint8Array => field !== undefined);
  return encodeTlv(SEQUENCE, concatBytes(present));
}

/** A SEQUENCE OF `items`, each encoded by `encodeItem`. */
export function encodeSequenceOf<T>(
  items: readonly T[],
  encodeItem: (item: T) => Uint8Array,
): Uint8Array {
  return encodeTlv(SEQUENCE, concatBytes(items.map(encodeItem)));
}

/** `[n]` explicit context tag around an encoded value. */
export function encodeExplicit(number: number, inner: Uint8Array): Uint8Array {
  return encodeTlv(contextTag(number), inner);
}

/** `[n]` field when `value` is present, else `undefined` (to be skipped by encodeSequence). */
export function encodeOptional<T>(
  number: number,
  value: T | undefined,
  encodeValue: (value: T) => Uint8Array,
): Uint8Array | undefined {
  return value === undefined ? undefined : encodeExplicit(number, encodeValue(value));
}

/** `[APPLICATION n]` around an encoded value. */
export function encodeApplication(number: number, inner: Uint8Array): Uint8Array {
  return encodeTlv(applicationTag(number), inner);
}
