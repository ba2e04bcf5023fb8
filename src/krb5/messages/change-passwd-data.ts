/**
 * ChangePasswdData ::= SEQUENCE { newpasswd [0] OCTET STRING, targname [1] PrincipalName
 * OPTIONAL, targrealm [2] Realm OPTIONAL } (RFC 3244 section 2), the user-data of a
 * set-password request (protocol version 0xff80). A self-change sends neither target.
 */

import {
  decodeWhole,
  encodeExplicit,
  encodeKerberosString,
  encodeOctetString,
  encodeOptional,
  encodeSequence,
  readField,
  readKerberosString,
  readOctetString,
  readOptionalField,
  readSequence,
} from '../asn1/der.js';
import type { DerReader } from '../asn1/der.js';
import { compact } from './compact.js';
import { encodePrincipalName, readPrincipalName } from './principal-name.js';
import type { ChangePasswdData } from './types.js';

/** DER encoding of a ChangePasswdData. */
export function encodeChangePasswdData(value: ChangePasswdData): Uint8Array {
  return encodeSequence([
    encodeExplicit(0, encodeOctetString(value.newpasswd)),
    encodeOptional(1, value.targname, encodePrincipalName),
    encodeOptional(2, value.targrealm, encodeKerberosString),
  ]);
}

/** Reads a ChangePasswdData from `r`. */
export function readChangePasswdData(r: DerReader): ChangePasswdData {
  return readSequence(r, (f) => {
    const newpasswd = readField(f, 0, 'newpasswd', readOctetString);
    const targname = readOptionalField(f, 1, 'targname', readPrincipalName);
    const targrealm = readOptionalField(f, 2, 'targrealm', readKerberosString);
    return compact({ newpasswd, targname, targrealm });
  });
}

/** Decodes a DER ChangePasswdData; throws DecodeError. */
export function decodeChangePasswdData(bytes: Uint8Array): ChangePasswdData {
  return decodeWhole(bytes, 'ChangePasswdData', readChangePasswdData);
}
