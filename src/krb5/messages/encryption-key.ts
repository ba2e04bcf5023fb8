/**
 * EncryptionKey ::= SEQUENCE { keytype [0] Int32, keyvalue [1] OCTET STRING }
 * (RFC 4120 section 5.2.9).
 */

import { decodeWhole } from '../asn1/der.js';
import type { DerReader } from '../asn1/der.js';
import { typedOctets } from './typed-octets.js';
import type { EncryptionKey } from './types.js';

const CODEC = typedOctets(
  { tag: 0, name: 'keytype', key: 'keytype' },
  { tag: 1, name: 'keyvalue', key: 'keyvalue' },
);

/** DER encoding of an EncryptionKey. */
export function encodeEncryptionKey(value: EncryptionKey): Uint8Array {
  return CODEC.encode(value);
}

/** Reads an EncryptionKey from `r`. */
export function readEncryptionKey(r: DerReader): EncryptionKey {
  return CODEC.read(r);
}

/** Decodes a DER EncryptionKey; throws DecodeError. */
export function decodeEncryptionKey(bytes: Uint8Array): EncryptionKey {
  return decodeWhole(bytes, 'EncryptionKey', readEncryptionKey);
}
