/**
 * The derivation constant that turns a base key and a key usage into Kc, Ke or Ki: the usage as
 * 4 big-endian bytes, then one byte naming the purpose (RFC 3961 section 5.3; RFC 8009
 * section 5 reuses it).
 */

import { concat, uint32be } from './bytes.js';

/** The last byte of a derivation constant: which of the three keys a usage yields. */
export const KEY_PURPOSE = {
  /** Kc, the checksum key. */
  checksum: 0x99,
  /** Ke, the encryption key. */
  encryption: 0xaa,
  /** Ki, the integrity (MAC) key. */
  integrity: 0x55,
} as const;

export type KeyPurpose = keyof typeof KEY_PURPOSE;

/** The derivation constant usage | purpose byte. */
export function usageConstant(usage: number, purpose: KeyPurpose): Uint8Array {
  return concat(uint32be(usage), Uint8Array.of(KEY_PURPOSE[purpose]));
}
