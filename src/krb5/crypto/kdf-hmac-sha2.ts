/** KDF-HMAC-SHA2 (RFC 8009 section 3): NIST SP 800-108 counter mode with one HMAC block. */

import { createHmac } from 'node:crypto';

import { NotSupportedError } from '../errors.js';
import { concat, uint32be } from './bytes.js';

/** The HMAC hashes RFC 8009 uses. */
export type Sha2Hash = 'sha256' | 'sha384';

const DIGEST_BYTES: Record<Sha2Hash, number> = { sha256: 32, sha384: 48 };

/**
 * KDF-HMAC-SHA2(key, label, k): the first `bits` bits of
 * HMAC(key, 00000001 | label | 00 | k as 4 big-endian bytes). Every output RFC 8009 asks for
 * fits in one HMAC block, so the counter never passes 1.
 */
export function kdfHmacSha2(
  hash: Sha2Hash,
  key: Uint8Array,
  label: Uint8Array,
  bits: number,
): Uint8Array {
  const length = bits / 8;
  if (!Number.isInteger(length) || length > DIGEST_BYTES[hash]) {
    throw new NotSupportedError(`KDF-HMAC-SHA2 cannot produce ${bits} bits with ${hash}`);
  }

  const input = concat(uint32be(1), label, Uint8Array.of(0), uint32be(bits));
  return new Uint8Array(createHmac(hash, key).update(input).digest().subarray(0, length));
}
