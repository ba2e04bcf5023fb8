/** OCTET STRING (X.690 8.7), primitive form only as DER requires (X.690 10.2). */

import type { DerReader } from './reader.js';
import { OCTET_STRING } from './tags.js';
import { encodeTlv } from './writer.js';

/** Reads an OCTET STRING; returns a copy, never a view of the input. */
export function readOctetString(r: DerReader): Uint8Array {
  return new Uint8Array(r.primitive(OCTET_STRING).content);
}

/** An OCTET STRING holding `value`. */
export function encodeOctetString(value: Uint8Array): Uint8Array {
  return encodeTlv(OCTET_STRING, value);
}
