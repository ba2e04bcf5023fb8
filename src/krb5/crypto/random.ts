/**
 * Random bytes from the system CSPRNG, fetched a pool at a time, as crypto.randomUUID does:
 * one native call per 4 KiB instead of one per confounder, key or id. Each byte is handed out
 * once, as a copy, and wiped from the pool.
 */

import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
const pool = new Uint8Array(POOL_BYTES);
let used = POOL_BYTES;

/** `size` fresh random bytes (at most 4096). */
export function randomBytes(size: number): Uint8Array {
  if (!Number.isInteger(size) || size < 0 || size > POOL_BYTES) {
    throw new RangeError(`cannot take ${size} random bytes at once`);
  }
  if (used + size > POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  const out = pool.slice(used, used + size);
  pool.fill(0, used, used + size);
  used += size;
  return out;
}
