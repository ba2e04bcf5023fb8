/** PBKDF2 (RFC 8018) on the libuv thread pool, so string-to-key never blocks the event loop. */

import { pbkdf2 as pbkdf2Callback } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2Callback);

/** The HMAC hashes the AES enctypes use as PBKDF2's pseudo-random function. */
export type Pbkdf2Digest = 'sha1' | 'sha256' | 'sha384';

/** PBKDF2-HMAC-`digest`(password, salt, iterations) cut to `length` bytes. */
export async function pbkdf2(
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  length: number,
  digest: Pbkdf2Digest,
): Promise<Uint8Array> {
  const out = await pbkdf2Async(password, salt, iterations, length, digest);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}
