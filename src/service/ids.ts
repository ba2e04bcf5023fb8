/**
 * Session ids and tickets: 256 random bits from the system CSPRNG, base64url, with the CAS
 * prefix that says what they are (`LT-`, `ST-`, `TGT-`). Also the request ids of log lines.
 */

import { randomFillSync } from 'node:crypto';

const ID_BYTES = 32;
const REQUEST_ID_BYTES = 8;

/**
 * CSPRNG output is fetched a pool at a time, as crypto.randomUUID does: one native call per
 * 64 ids instead of one per id. Each byte is handed out once.
 */
const POOL_BYTES = 64 * ID_BYTES;
const pool = Buffer.alloc(POOL_BYTES);
let poolUsed = POOL_BYTES;

/** A fresh unguessable id, optionally prefixed (`newId('ST')` gives `ST-...`). */
export function newId(prefix?: string): string {
  const random = randomBytesOf(ID_BYTES).toString('base64url');
  return prefix === undefined ? random : `${prefix}-${random}`;
}

/** A request id for log lines: 64 random bits, hex. */
export function newRequestId(): string {
  return randomBytesOf(REQUEST_ID_BYTES).toString('hex');
}

/** `size` fresh bytes of the pool; a view, valid until the next call. */
function randomBytesOf(size: number): Buffer {
  if (poolUsed + size > POOL_BYTES) {
    randomFillSync(pool);
    poolUsed = 0;
  }
  const bytes = pool.subarray(poolUsed, poolUsed + size);
  poolUsed += size;
  return bytes;
}

/** True for a string shaped like an id from {@link newId} with this prefix. */
export function looksLikeId(value: string, prefix?: string): boolean {
  const body = prefix === undefined ? value : value.slice(prefix.length + 1);
  if (prefix !== undefined && !value.startsWith(`${prefix}-`)) return false;
  return /^[A-Za-z0-9_-]{43}$/.test(body);
}
