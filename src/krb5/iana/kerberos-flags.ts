/**
 * Building and testing KerberosFlags (RFC 4120 section 5.2.8) held as a 32-bit unsigned number
 * in which the RFC's bit 0 is the most significant bit.
 */

import type { KerberosFlags } from '../messages/types.js';

function mask(bit: number): number {
  if (!Number.isInteger(bit) || bit < 0 || bit > 31) {
    throw new RangeError(`KerberosFlags bit out of range: ${bit}`);
  }
  return (0x80000000 >>> bit) >>> 0;
}

/** Flags with exactly the RFC bit numbers `bits` set. */
export function kerberosFlags(...bits: readonly number[]): KerberosFlags {
  return bits.reduce((flags, bit) => (flags | mask(bit)) >>> 0, 0);
}

/** True when RFC bit number `bit` is set in `flags`. */
export function hasFlag(flags: KerberosFlags, bit: number): boolean {
  return ((flags >>> 0) & mask(bit)) !== 0;
}

/** `flags` with RFC bit number `bit` set. */
export function withFlag(flags: KerberosFlags, bit: number): KerberosFlags {
  return ((flags >>> 0) | mask(bit)) >>> 0;
}

/** The RFC bit numbers set in `flags`, ascending. */
export function flagBits(flags: KerberosFlags): number[] {
  const bits: number[] = [];
  for (let bit = 0; bit < 32; bit++) if (hasFlag(flags, bit)) bits.push(bit);
  return bits;
}
