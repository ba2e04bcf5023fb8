/**
 * The string-to-key parameters of the AES enctypes (RFC 3962 section 4, RFC 8009 section 4):
 * four bytes, an unsigned big-endian PBKDF2 iteration count.
 */

import { ProtocolError } from '../errors.js';

/**
 * The largest iteration count we accept. The parameters come from the KDC, in ETYPE-INFO2,
 * often inside an unauthenticated KRB-ERROR: a hostile KDC or anyone on the path could name
 * billions of iterations and make every login burn CPU for minutes. 2^24 (4096 times the
 * RFC 3962 default, several seconds of CPU) is the cap; MIT krb5 caps just below it, refusing
 * 2^24 and above, so every count an MIT client accepts is accepted here.
 */
export const MAX_ITERATIONS = 16_777_216;

/**
 * The iteration count named by `s2kparams`, or `defaultCount` when the KDC sent none. Throws
 * ProtocolError for parameters that are not 4 bytes, and for a count of 0 (which RFC 3962
 * section 4 defines as 2^32) or above {@link MAX_ITERATIONS}.
 */
export function iterationCount(s2kparams: Uint8Array | undefined, defaultCount: number): number {
  if (s2kparams === undefined) return defaultCount;
  if (s2kparams.length !== 4) {
    throw new ProtocolError(`string-to-key parameters must be 4 bytes, got ${s2kparams.length}`);
  }

  const count = new DataView(s2kparams.buffer, s2kparams.byteOffset, 4).getUint32(0);
  if (count === 0 || count > MAX_ITERATIONS) {
    const shown = count === 0 ? '0 (meaning 2^32)' : String(count);
    throw new ProtocolError(
      `string-to-key iteration count ${shown} is outside the accepted range 1..${MAX_ITERATIONS}`,
    );
  }
  return count;
}

/** The 4-byte parameters naming `iterations`, the inverse of {@link iterationCount}. */
export function s2kparamsFor(iterations: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, iterations);
  return out;
}
