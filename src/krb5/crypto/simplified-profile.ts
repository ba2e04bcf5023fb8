/**
 * Key derivation of the RFC 3961 simplified profile (section 5.3), as RFC 3962 uses it with AES:
 * DR(key, constant) encrypts the n-folded constant and keeps encrypting the previous output
 * until there are enough bytes; DK is DR followed by random-to-key, the identity for AES.
 */

import { concat } from './bytes.js';
import { AES_BLOCK_SIZE, ctsEncrypt } from './aes-cts.js';
import { nfold } from './nfold.js';

/** DK(key, constant) for an AES key: a key of the same length. */
export function deriveKey(key: Uint8Array, constant: Uint8Array): Uint8Array {
  return deriveRandom(key, constant);
}

/** DR(key, constant): key.length pseudo-random bytes. */
export function deriveRandom(key: Uint8Array, constant: Uint8Array): Uint8Array {
  const blocks: Uint8Array[] = [];
  let block = nfold(constant, AES_BLOCK_SIZE);
  for (let have = 0; have < key.length; have += AES_BLOCK_SIZE) {
    block = ctsEncrypt(key, block);
    blocks.push(block);
  }
  return concat(...blocks).subarray(0, key.length);
}
