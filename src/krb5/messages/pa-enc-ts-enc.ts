/**
 * PA-ENC-TS-ENC ::= SEQUENCE { patimestamp [0] KerberosTime, pausec [1] Microseconds
 * OPTIONAL } (RFC 4120 section 5.2.7.2): the plaintext of encrypted-timestamp pre-auth.
 */

import {
  decodeWhole,
  encodeExplicit,
  encodeKerberosTime,
  encodeMicroseconds,
  encodeOptional,
  encodeSequence,
  readField,
  readKerberosTime,
  readMicroseconds,
  readOptionalField,
  readSequence,
} from '../asn1/der.js';
import type { DerReader } from '../asn1/der.js';
import { compact } from './compact.js';
import type { PaEncTsEnc } from './types.js';

/** DER encoding of a PA-ENC-TS-ENC. */
export function encodePaEncTsEnc(value: PaEncTsEnc): Uint8Array {
  return encodeSequence([
    encodeExplicit(0, encodeKerberosTime(value.patimestamp)),
    encodeOptional(1, value.pausec, encodeMicroseconds),
  ]);
}

/** Reads a PA-ENC-TS-ENC from `r`. */
export function readPaEncTsEnc(r: DerReader): PaEncTsEnc {
  return readSequence(r, (f) => {
    const patimestamp = readField(f, 0, 'patimestamp', readKerberosTime);
    const pausec = readOptionalField(f, 1, 'pausec', readMicroseconds);
    return compact({ patimestamp, pausec });
  });
}

/** Decodes a DER PA-ENC-TS-ENC; throws DecodeError. */
export function decodePaEncTsEnc(bytes: Uint8Array): PaEncTsEnc {
  return decodeWhole(bytes, 'PA-ENC-TS-ENC', readPaEncTsEnc);
}
