/**
 * KRB-ERROR ::= [APPLICATION 30] SEQUENCE (RFC 4120 section 5.9.1), and its conversion to the
 * library's {@link KdcError}.
 *
 *     { pvno [0] INTEGER (5), msg-type [1] INTEGER (30), ctime [2] KerberosTime OPTIONAL,
 *       cusec [3] Microseconds OPTIONAL, stime [4] KerberosTime, susec [5] Microseconds,
 *       error-code [6] Int32, crealm [7] Realm OPTIONAL, cname [8] PrincipalName OPTIONAL,
 *       realm [9] Realm, sname [10] PrincipalName, e-text [11] KerberosString OPTIONAL,
 *       e-data [12] OCTET STRING OPTIONAL }
 */

import {
  decodeWhole,
  encodeApplication,
  encodeExplicit,
  encodeInt32,
  encodeInteger,
  encodeKerberosString,
  encodeKerberosTime,
  encodeMicroseconds,
  encodeOctetString,
  encodeOptional,
  encodeSequence,
  readApplication,
  readField,
  readFixedInteger,
  readInt32,
  readKerberosString,
  readKerberosTime,
  readMicroseconds,
  readOctetString,
  readOptionalField,
  readSequence,
} from '../asn1/der.js';
import type { DerReader } from '../asn1/der.js';
import { DecodeError, KdcError } from '../errors.js';
import type { ErrorPaData } from '../errors.js';
import { errorName } from '../iana/error-codes.js';
import { KRB5_PVNO, KRB_ERROR } from '../iana/message-types.js';
import { compact } from './compact.js';
import { decodeMethodData } from './pa-data.js';
import { encodePrincipalName, readPrincipalName } from './principal-name.js';
import type { KrbError } from './types.js';

/** DER encoding of a KRB-ERROR. */
export function encodeKrbError(value: KrbError): Uint8Array {
  const body = encodeSequence([
    encodeExplicit(0, encodeInteger(KRB5_PVNO)),
    encodeExplicit(1, encodeInteger(KRB_ERROR)),
    encodeOptional(2, value.ctime, encodeKerberosTime),
    encodeOptional(3, value.cusec, encodeMicroseconds),
    encodeExplicit(4, encodeKerberosTime(value.stime)),
    encodeExplicit(5, encodeMicroseconds(value.susec)),
    encodeExplicit(6, encodeInt32(value.errorCode)),
    encodeOptional(7, value.crealm, encodeKerberosString),
    encodeOptional(8, value.cname, encodePrincipalName),
    encodeExplicit(9, encodeKerberosString(value.realm)),
    encodeExplicit(10, encodePrincipalName(value.sname)),
    encodeOptional(11, value.eText, encodeKerberosString),
    encodeOptional(12, value.eData, encodeOctetString),
  ]);
  return encodeApplication(KRB_ERROR, body);
}

/** Reads a KRB-ERROR from `r`. */
export function readKrbError(r: DerReader): KrbError {
  return readApplication(r, KRB_ERROR, (a) => readSequence(a, readFields));
}

function readFields(f: DerReader): KrbError {
  readField(f, 0, 'pvno', (v) => readFixedInteger(v, KRB5_PVNO, 'pvno'));
  readField(f, 1, 'msg-type', (v) => readFixedInteger(v, KRB_ERROR, 'msg-type'));
  const ctime = readOptionalField(f, 2, 'ctime', readKerberosTime);
  const cusec = readOptionalField(f, 3, 'cusec', readMicroseconds);
  const stime = readField(f, 4, 'stime', readKerberosTime);
  const susec = readField(f, 5, 'susec', readMicroseconds);
  const errorCode = readField(f, 6, 'error-code', readInt32);
  const crealm = readOptionalField(f, 7, 'crealm', readKerberosString);
  const cname = readOptionalField(f, 8, 'cname', readPrincipalName);
  const realm = readField(f, 9, 'realm', readKerberosString);
  const sname = readField(f, 10, 'sname', readPrincipalName);
  const eText = readOptionalField(f, 11, 'e-text', readKerberosString);
  const eData = readOptionalField(f, 12, 'e-data', readOctetString);
  return compact({
    ctime,
    cusec,
    stime,
    susec,
    errorCode,
    crealm,
    cname,
    realm,
    sname,
    eText,
    eData,
  });
}

/** Decodes a DER KRB-ERROR; throws DecodeError. */
export function decodeKrbError(bytes: Uint8Array): KrbError {
  return decodeWhole(bytes, 'KRB-ERROR', readKrbError);
}

/**
 * The {@link KdcError} for a KRB-ERROR: its code, RFC name, e-text, raw e-data, the e-data's
 * PA-DATA when it is a METHOD-DATA (as MIT sends with PREAUTH_REQUIRED; other e-data leaves
 * `padata` absent), and the KDC's clock from stime and susec.
 */
export function toKdcError(error: KrbError): KdcError {
  const padata = error.eData === undefined ? undefined : methodDataOrUndefined(error.eData);
  const serverTime = new Date(error.stime.getTime() + Math.floor(error.susec / 1000));
  return new KdcError(
    compact({
      errorCode: error.errorCode,
      errorName: errorName(error.errorCode),
      eText: error.eText,
      eData: error.eData,
      padata,
      serverTime,
    }),
  );
}

function methodDataOrUndefined(eData: Uint8Array): ErrorPaData[] | undefined {
  try {
    return decodeMethodData(eData).map((p) => ({ type: p.padataType, value: p.padataValue }));
  } catch (e) {
    // e-data is only sometimes METHOD-DATA (RFC 4120 5.9.1, RFC 6113 5.2): not an error here.
    if (e instanceof DecodeError) return undefined;
    throw e;
  }
}
