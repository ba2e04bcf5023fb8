/**
 * AP-REP ::= [APPLICATION 15] SEQUENCE { pvno [0] INTEGER (5), msg-type [1] INTEGER (15),
 * enc-part [2] EncryptedData } (RFC 4120 section 5.5.2).
 */

import {
  decodeWhole,
  encodeApplication,
  encodeExplicit,
  encodeInteger,
  encodeSequence,
  readApplication,
  readField,
  readFixedInteger,
  readSequence,
} from '../asn1/der.js';
import type { DerReader } from '../asn1/der.js';
import { KRB5_PVNO, KRB_AP_REP } from '../iana/message-types.js';
import { encodeEncryptedData, readEncryptedData } from './encrypted-data.js';
import type { ApRep } from './types.js';

/** DER encoding of an AP-REP. */
export function encodeApRep(value: ApRep): Uint8Array {
  const body = encodeSequence([
    encodeExplicit(0, encodeInteger(KRB5_PVNO)),
    encodeExplicit(1, encodeInteger(KRB_AP_REP)),
    encodeExplicit(2, encodeEncryptedData(value.encPart)),
  ]);
  return encodeApplication(KRB_AP_REP, body);
}

/** Reads an AP-REP from `r`. */
export function readApRep(r: DerReader): ApRep {
  return readApplication(r, KRB_AP_REP, (a) =>
    readSequence(a, (f) => {
      readField(f, 0, 'pvno', (v) => readFixedInteger(v, KRB5_PVNO, 'pvno'));
      readField(f, 1, 'msg-type', (v) => readFixedInteger(v, KRB_AP_REP, 'msg-type'));
      return { encPart: readField(f, 2, 'enc-part', readEncryptedData) };
    }),
  );
}

/** Decodes a DER AP-REP; throws DecodeError. */
export function decodeApRep(bytes: Uint8Array): ApRep {
  return decodeWhole(bytes, 'AP-REP', readApRep);
}
