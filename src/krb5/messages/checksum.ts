/** Checksum ::= SEQUENCE { cksumtype [0] Int32, checksum [1] OCTET STRING } (RFC 4120 5.2.9). */

import { decodeWhole } from '../asn1/der.js';
import type { DerReader } from '../asn1/der.js';
import { typedOctets } from './typed-octets.js';
import type { Checksum } from './types.js';

const CODEC = typedOctets(
  { tag: 0, name: 'cksumtype', key: 'cksumtype' },
  { tag: 1, name: 'checksum', key: 'checksum' },
);

/** DER encoding of a Checksum. */
export function encodeChecksum(value: Checksum): Uint8Array {
  return CODEC.encode(value);
}

/** Reads a Checksum from `r`. */
export function readChecksum(r: DerReader): Checksum {
  return CODEC.read(r);
}

/** Decodes a DER Checksum; throws DecodeError. */
export function decodeChecksum(bytes: Uint8Array): Checksum {
  return decodeWhole(bytes, 'Checksum', readChecksum);
}
