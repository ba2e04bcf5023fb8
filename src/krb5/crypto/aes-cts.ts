/**
 * AES in CBC mode with ciphertext stealing, as RFC 3962 section 5 defines it (the variant NIST
 * later called CBC-CS3): the last two ciphertext blocks are always swapped and the final one is
 * cut to the length of the last plaintext block, so the ciphertext is exactly as long as the
 * plaintext. A single block is plain CBC. RFC 8009 reuses the same mode.
 */

import { createCipheriv, createDecipheriv } from 'node:crypto';

import { IntegrityError, NotSupportedError } from '../errors.js';
import { concat } from './bytes.js';

/** The AES block size in bytes. */
export const AES_BLOCK_SIZE = 16;

const ZERO_IV = new Uint8Array(AES_BLOCK_SIZE);

/**
 * Encrypts `plaintext` (at least one block; every Kerberos message is, thanks to the
 * confounder) under `key` (16 or 32 bytes) starting from `iv` (zeros by default).
 */
export function ctsEncrypt(
  key: Uint8Array,
  plaintext: Uint8Array,
  iv: Uint8Array = ZERO_IV,
): Uint8Array {
  if (plaintext.length < AES_BLOCK_SIZE) {
    throw new NotSupportedError('AES-CTS needs at least one block of input');
  }
  if (plaintext.length === AES_BLOCK_SIZE) return aes(key, 'cbc', iv, plaintext, true);

  const blocks = Math.ceil(plaintext.length / AES_BLOCK_SIZE);
  const padded = new Uint8Array(blocks * AES_BLOCK_SIZE);
  padded.set(plaintext);
  const cbc = aes(key, 'cbc', iv, padded, true);

  const secondLast = (blocks - 2) * AES_BLOCK_SIZE;
  const last = (blocks - 1) * AES_BLOCK_SIZE;
  const tailLength = plaintext.length - last;
  return concat(
    cbc.subarray(0, secondLast),
    cbc.subarray(last),
    cbc.subarray(secondLast, secondLast + tailLength),
  );
}

/**
 * Decrypts what {@link ctsEncrypt} produced. Throws IntegrityError for input shorter than one
 * block or that the cipher rejects; authenticity is the caller's MAC's job.
 */
export function ctsDecrypt(
  key: Uint8Array,
  ciphertext: Uint8Array,
  iv: Uint8Array = ZERO_IV,
): Uint8Array {
  if (ciphertext.length < AES_BLOCK_SIZE) throw new IntegrityError();
  try {
    return unsteal(key, ciphertext, iv);
  } catch {
    // Only ever reached from decrypt: whatever OpenSSL objects to is one more integrity failure.
    throw new IntegrityError();
  }
}

function unsteal(key: Uint8Array, ciphertext: Uint8Array, iv: Uint8Array): Uint8Array {
  if (ciphertext.length === AES_BLOCK_SIZE) return aes(key, 'cbc', iv, ciphertext, false);

  const blocks = Math.ceil(ciphertext.length / AES_BLOCK_SIZE);
  const secondLast = (blocks - 2) * AES_BLOCK_SIZE;
  const last = (blocks - 1) * AES_BLOCK_SIZE;
  const tailLength = ciphertext.length - last;
  const lastFull = ciphertext.subarray(secondLast, last);

  // Decrypting the last full block gives C[n-1] XOR the zero-padded last plaintext block, so its
  // bytes past the stolen tail are the bytes of C[n-1] that encryption dropped.
  const xored = aes(key, 'ecb', null, lastFull, false);
  const restored = concat(ciphertext.subarray(last), xored.subarray(tailLength));
  const cbc = concat(ciphertext.subarray(0, secondLast), restored, lastFull);
  return aes(key, 'cbc', iv, cbc, false).subarray(0, ciphertext.length);
}

/** AES-CBC over whole blocks (no padding, no stealing) from a zero IV. */
export function cbcEncryptBlocks(key: Uint8Array, blocks: Uint8Array): Uint8Array {
  if (blocks.length === 0 || blocks.length % AES_BLOCK_SIZE !== 0) {
    throw new RangeError('AES-CBC input must be a positive number of whole blocks');
  }
  return aes(key, 'cbc', ZERO_IV, blocks, true);
}

/** Raw AES over whole blocks, without padding. */
function aes(
  key: Uint8Array,
  mode: 'cbc' | 'ecb',
  iv: Uint8Array | null,
  data: Uint8Array,
  encrypt: boolean,
): Uint8Array {
  const algorithm = `aes-${key.length * 8}-${mode}`;
  const cipher = encrypt
    ? createCipheriv(algorithm, key, iv)
    : createDecipheriv(algorithm, key, iv);
  cipher.setAutoPadding(false);
  return concat(cipher.update(data), cipher.final());
}
