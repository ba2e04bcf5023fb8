/**
 * KerberosFlags ::= BIT STRING (SIZE (32..MAX)) (RFC 4120 section 5.2.8), held as a 32-bit
 * unsigned number whose most significant bit is the RFC's bit 0. Always written as 32 bits.
 */

import type { DerReader } from './reader.js';
import { UINT32_MAX } from './integer.js';
import { BIT_STRING } from './tags.js';
import { encodeTlv } from './writer.js';

/**
 * Reads KerberosFlags. Bits past the first 32 are allowed by the RFC's SIZE (32..MAX) and
 * ignored, as MIT does; padding bits must be zero (X.690 11.2.1).
 */
export function readKerberosFlags(r: DerReader): number {
  const { content, offset } = r.primitive(BIT_STRING);
  if (content.length === 0) r.fail('empty BIT STRING', offset);

  const unused = content[0] as number;
  if (unused > 7) r.fail('BIT STRING unused-bits octet above 7', offset);
  if (content.length === 1 && unused !== 0) r.fail('empty BIT STRING with unused bits', offset);
  const last = content[content.length - 1] as number;
  if (unused > 0 && (last & ((1 << unused) - 1)) !== 0) {
    r.fail('BIT STRING padding bits are not zero', offset);
  }
  if ((content.length - 1) * 8 - unused < 32) r.fail('KerberosFlags shorter than 32 bits', offset);

  const b = (i: number): number => content[i] as number;
  return ((b(1) << 24) | (b(2) << 16) | (b(3) << 8) | b(4)) >>> 0;
}

/** KerberosFlags as a 32-bit BIT STRING; throws RangeError unless `flags` is a UInt32. */
export function encodeKerberosFlags(flags: number): Uint8Array {
  if (!Number.isInteger(flags) || flags < 0 || flags > UINT32_MAX) {
    throw new RangeError(`KerberosFlags out of range: ${flags}`);
  }
  const bytes = Uint8Array.of(
    0,
    flags >>> 24,
    (flags >>> 16) & 0xff,
    (flags >>> 8) & 0xff,
    flags & 0xff,
  );
  return encodeTlv(BIT_STRING, bytes);
}
