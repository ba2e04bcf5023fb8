/**
 * EncryptionKey ::= SEQUENCE { keytype [0] Int32, keyvalue [1] OCTET STRING }
 * (RFC 4120 section 5.2.9).
 */

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
import type { EncryptionKey } from './types.js';

/** DER encoding of an EncryptionKey. */
export function encodeEncryptionKey(value: EncryptionKey): Uint8Array {
  return encodeSequence([
    encodeExplicit(0, encodeInt32(value.keytype)),
    encodeExplicit(1, encodeOctetString(value.keyvalue)),
  ]);
}

/** Reads an EncryptionKey from `r`. */
export function readEncryptionKey(r: DerReader): EncryptionKey {
  return readSequence(r, (f) => ({
    keytype: readField(f, 0, 'keytype', readInt32),
    keyvalue: readField(f, 1, 'keyvalue', readOctetString),
  }));
}

/** Decodes a DER EncryptionKey; throws DecodeError. */
export function decodeEncryptionKey(bytes: Uint8Array): EncryptionKey {
  return decodeWhole(bytes, 'EncryptionKey', readEncryptionKey);
}
