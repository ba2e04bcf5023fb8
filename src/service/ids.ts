/**
 * Session ids and tickets: 256 random bits from the system CSPRNG, base64url, with the CAS
 * prefix that says what they are (`LT-`, `ST-`, `TGT-`). Also the request ids of log lines.
 */

import { randomBytes } from '../krb5/crypto/random.js';

const ID_BYTES = 32;
const REQUEST_ID_BYTES = 8;

/** A fresh unguessable id, optionally prefixed (`newId('ST')` gives `ST-...`). */
export function newId(prefix?: string): string {
  const random = randomBytesOf(ID_BYTES).toString('base64url');
  return prefix === undefined ? random : `${prefix}-${random}`;
}

/** A request id for log lines: 64 random bits, hex. */
export function newRequestId(): string {
  return randomBytesOf(REQUEST_ID_BYTES).toString('hex');
}

/** `size` fresh random bytes as a Buffer, for its encodings. */
function randomBytesOf(size: number): Buffer {
  const bytes = randomBytes(size);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** True for a string shaped like an id from {@link newId} with this prefix. */
export function looksLikeId(value: string, prefix?: string): boolean {
  const body = prefix === undefined ? value : value.slice(prefix.length + 1);
  if (prefix !== undefined && !value.startsWith(`${prefix}-`)) return false;
  return /^[A-Za-z0-9_-]{43}$/.test(body);
}
