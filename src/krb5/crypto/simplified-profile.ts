/**
 * Key derivation of the RFC 3961 simplified profile (section 5.3), as RFC 3962 uses it with AES:
 * DR(key, constant) encrypts the n-folded constant and keeps encrypting the previous output
 * until there are enough bytes; DK is DR followed by random-to-key, the identity for AES.
 */

import { AES_BLOCK_SIZE, cbcEncryptBlocks } from './aes-cts.js';
import { nfold } from './nfold.js';

/** DK(key, constant) for an AES key: a key of the same length. */
export function deriveKey(key: Uint8Array, constant: Uint8Array): Uint8Array {
  return deriveRandom(key, constant);
}

/**
 * DR(key, constant): key.length pseudo-random bytes. Its chain E(n), E(E(n)), ... is AES-CBC
 * from a zero IV over the n-folded constant followed by zero blocks, so one cipher call
 * makes all of it.
 */
export function deriveRandom(key: Uint8Array, constant: Uint8Array): Uint8Array {
  const input = new Uint8Array(Math.ceil(key.length / AES_BLOCK_SIZE) * AES_BLOCK_SIZE);
  input.set(foldedConstant(constant));
  return cbcEncryptBlocks(key, input).subarray(0, key.length);
}

/**
 * n-fold of a derivation constant to one block. There are only a few constants (one per key
 * usage and purpose, and "kerberos"), so each is folded once; the cache is bounded all the
 * same, since usages come from callers.
 */
const FOLDED = new Map<string, Uint8Array>();
const MAX_FOLDED = 256;

function foldedConstant(constant: Uint8Array): Uint8Array {
  const id = Buffer.from(constant.buffer, constant.byteOffset, constant.length).toString('hex');
  let folded = FOLDED.get(id);
  if (folded === undefined) {
    folded = nfold(constant, AES_BLOCK_SIZE);
    if (FOLDED.size < MAX_FOLDED) FOLDED.set(id, folded);
  }
  return folded;
}
