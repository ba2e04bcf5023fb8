/**
 * KRB-PRIV ::= [APPLICATION 21] SEQUENCE { pvno [0] INTEGER (5), msg-type [1] INTEGER (21),
 * enc-part [3] EncryptedData } (RFC 4120 section 5.7.1; there is no [2]).
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
import { KRB5_PVNO, KRB_PRIV } from '../iana/message-types.js';
import { encodeEncryptedData, readEncryptedData } from './encrypted-data.js';
import type { KrbPriv } from './types.js';

/** DER encoding of a KRB-PRIV. */
export function encodeKrbPriv(value: KrbPriv): Uint8Array {
  const body = encodeSequence([
    encodeExplicit(0, encodeInteger(KRB5_PVNO)),
    encodeExplicit(1, encodeInteger(KRB_PRIV)),
    encodeExplicit(3, encodeEncryptedData(value.encPart)),
  ]);
  return encodeApplication(KRB_PRIV, body);
}

/** Reads a KRB-PRIV from `r`. */
export function readKrbPriv(r: DerReader): KrbPriv {
  return readApplication(r, KRB_PRIV, (a) =>
    readSequence(a, (f) => {
      readField(f, 0, 'pvno', (v) => readFixedInteger(v, KRB5_PVNO, 'pvno'));
      readField(f, 1, 'msg-type', (v) => readFixedInteger(v, KRB_PRIV, 'msg-type'));
      return { encPart: readField(f, 3, 'enc-part', readEncryptedData) };
    }),
  );
}

/** Decodes a DER KRB-PRIV; throws DecodeError. */
export function decodeKrbPriv(bytes: Uint8Array): KrbPriv {
  return decodeWhole(bytes, 'KRB-PRIV', readKrbPriv);
}
