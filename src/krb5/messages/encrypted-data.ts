/**
 * EncryptedData ::= SEQUENCE { etype [0] Int32, kvno [1] UInt32 OPTIONAL,
 * cipher [2] OCTET STRING } (RFC 4120 section 5.2.9).
 */

import {
  decodeWhole,
  encodeExplicit,
  encodeInt32,
  encodeOctetString,
  encodeOptional,
  encodeSequence,
  encodeUInt32,
  readField,
  readInt32,
  readOctetString,
  readOptionalField,
  readSequence,
  readUInt32,
} from '../asn1/der.js';
import type { DerReader } from '../asn1/der.js';
import { compact } from './compact.js';
import type { EncryptedData } from './types.js';

/** DER encoding of an EncryptedData. */
export function encodeEncryptedData(value: EncryptedData): Uint8Array {
  return encodeSequence([
    encodeExplicit(0, encodeInt32(value.etype)),
    encodeOptional(1, value.kvno, encodeUInt32),
    encodeExplicit(2, encodeOctetString(value.cipher)),
  ]);
}

/** Reads an EncryptedData from `r`. */
export function readEncryptedData(r: DerReader): EncryptedData {
  return readSequence(r, (f) => {
    const etype = readField(f, 0, 'etype', readInt32);
    const kvno = readOptionalField(f, 1, 'kvno', readUInt32);
    const cipher = readField(f, 2, 'cipher', readOctetString);
    return compact({ etype, kvno, cipher });
  });
}

/** Decodes a DER EncryptedData; throws DecodeError. */
export function decodeEncryptedData(bytes: Uint8Array): EncryptedData {
  return decodeWhole(bytes, 'EncryptedData', readEncryptedData);
}
