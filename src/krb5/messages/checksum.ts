/** Checksum ::= SEQUENCE { cksumtype [0] Int32, checksum [1] OCTET STRING } (RFC 4120 5.2.9). */

import {
  decodeWhole,
  encodeExplicit,
  encodeInt32,
  encodeOctetString,
  encodeSequence,
  readField,
  readInt32,
  readOctetString,
  readSequence,
} from '../asn1/der.js';
import type { DerReader } from '../asn1/der.js';
import type { Checksum } from './types.js';

/** DER encoding of a Checksum. */
export function encodeChecksum(value: Checksum): Uint8Array {
  return encodeSequence([
    encodeExplicit(0, encodeInt32(value.cksumtype)),
    encodeExplicit(1, encodeOctetString(value.checksum)),
  ]);
}

/** Reads a Checksum from `r`. */
export function readChecksum(r: DerReader): Checksum {
  return readSequence(r, (f) => ({
    cksumtype: readField(f, 0, 'cksumtype', readInt32),
    checksum: readField(f, 1, 'checksum', readOctetString),
  }));
}

/** Decodes a DER Checksum; throws DecodeError. */
export function decodeChecksum(bytes: Uint8Array): Checksum {
  return decodeWhole(bytes, 'Checksum', readChecksum);
}
