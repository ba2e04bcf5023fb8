/**
 * PrincipalName ::= SEQUENCE { name-type [0] Int32, name-string [1] SEQUENCE OF KerberosString }
 * (RFC 4120 section 5.2.2).
 */

import {
  decodeWhole,
  encodeExplicit,
  encodeInt32,
  encodeKerberosString,
  encodeSequence,
  encodeSequenceOf,
  readField,
  readInt32,
  readKerberosString,
  readSequence,
  readSequenceOf,
} from '../asn1/der.js';
import type { DerReader } from '../asn1/der.js';
import type { PrincipalName } from './types.js';

/** DER encoding of a PrincipalName. */
export function encodePrincipalName(value: PrincipalName): Uint8Array {
  return encodeSequence([
    encodeExplicit(0, encodeInt32(value.nameType)),
    encodeExplicit(1, encodeSequenceOf(value.nameString, encodeKerberosString)),
  ]);
}

/** Reads a PrincipalName from `r`. */
export function readPrincipalName(r: DerReader): PrincipalName {
  return readSequence(r, (f) => ({
    nameType: readField(f, 0, 'name-type', readInt32),
    nameString: readField(f, 1, 'name-string', (v) => readSequenceOf(v, readKerberosString)),
  }));
}

/** Decodes a DER PrincipalName; throws DecodeError. */
export function decodePrincipalName(bytes: Uint8Array): PrincipalName {
  return decodeWhole(bytes, 'PrincipalName', readPrincipalName);
}
