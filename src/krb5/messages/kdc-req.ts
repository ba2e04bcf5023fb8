/**
 * KDC-REQ-BODY and AS-REQ ::= [APPLICATION 10] KDC-REQ (RFC 4120 section 5.4.1).
 *
 *     KDC-REQ ::= SEQUENCE { pvno [1] INTEGER (5), msg-type [2] INTEGER (10),
 *                            padata [3] SEQUENCE OF PA-DATA OPTIONAL, req-body [4] KDC-REQ-BODY }
 *
 * KDC-REQ-BODY fields [10] enc-authorization-data and [11] additional-tickets belong to
 * TGS-REQs, which this library does not send; they are refused when decoding.
 */

import {
  INT32_MAX,
  decodeWhole,
  encodeApplication,
  encodeExplicit,
  encodeInt32,
  encodeInteger,
  encodeKerberosFlags,
  encodeKerberosString,
  encodeKerberosTime,
  encodeOptional,
  encodeSequence,
  encodeSequenceOf,
  readApplication,
  readField,
  readFixedInteger,
  readInt32,
  readKerberosFlags,
  readKerberosString,
  readKerberosTime,
  readOptionalField,
  readSequence,
  readSequenceOf,
  readUInt32,
} from '../asn1/der.js';
import type { DerReader } from '../asn1/der.js';
import { KRB5_PVNO, KRB_AS_REQ } from '../iana/message-types.js';
import { compact } from './compact.js';
import { encodeHostAddresses, readHostAddresses } from './host-address.js';
import { encodeMethodData, readMethodData } from './pa-data.js';
import { encodePrincipalName, readPrincipalName } from './principal-name.js';
import type { AsReq, KdcReqBody } from './types.js';

/**
 * The nonce as an INTEGER. RFC 4120 makes it a UInt32, but MIT decodes it as a signed 32-bit
 * integer (asn1_k_encode.c), so only 0..2^31-1 is sent; throws RangeError otherwise.
 */
function encodeNonce(nonce: number): Uint8Array {
  if (!Number.isInteger(nonce) || nonce < 0 || nonce > INT32_MAX) {
    throw new RangeError(`nonce must be in 0..2^31-1, not ${nonce}`);
  }
  return encodeInteger(nonce);
}

/** DER encoding of a KDC-REQ-BODY, fields in the order [0]..[9] of RFC 4120 5.4.1. */
export function encodeKdcReqBody(value: KdcReqBody): Uint8Array {
  return encodeSequence([
    encodeExplicit(0, encodeKerberosFlags(value.kdcOptions)),
    encodeOptional(1, value.cname, encodePrincipalName),
    encodeExplicit(2, encodeKerberosString(value.realm)),
    encodeOptional(3, value.sname, encodePrincipalName),
    encodeOptional(4, value.from, encodeKerberosTime),
    encodeExplicit(5, encodeKerberosTime(value.till)),
    encodeOptional(6, value.rtime, encodeKerberosTime),
    encodeExplicit(7, encodeNonce(value.nonce)),
    encodeExplicit(8, encodeSequenceOf(value.etype, encodeInt32)),
    encodeOptional(9, value.addresses, encodeHostAddresses),
  ]);
}

/** Reads a KDC-REQ-BODY from `r`. */
export function readKdcReqBody(r: DerReader): KdcReqBody {
  return readSequence(r, (f) => {
    const kdcOptions = readField(f, 0, 'kdc-options', readKerberosFlags);
    const cname = readOptionalField(f, 1, 'cname', readPrincipalName);
    const realm = readField(f, 2, 'realm', readKerberosString);
    const sname = readOptionalField(f, 3, 'sname', readPrincipalName);
    const from = readOptionalField(f, 4, 'from', readKerberosTime);
    const till = readField(f, 5, 'till', readKerberosTime);
    const rtime = readOptionalField(f, 6, 'rtime', readKerberosTime);
    const nonce = readField(f, 7, 'nonce', readUInt32);
    const etype = readField(f, 8, 'etype', (v) => readSequenceOf(v, readInt32));
    const addresses = readOptionalField(f, 9, 'addresses', readHostAddresses);
    return compact({ kdcOptions, cname, realm, sname, from, till, rtime, nonce, etype, addresses });
  });
}

/** Decodes a DER KDC-REQ-BODY; throws DecodeError. */
export function decodeKdcReqBody(bytes: Uint8Array): KdcReqBody {
  return decodeWhole(bytes, 'KDC-REQ-BODY', readKdcReqBody);
}

/** DER encoding of an AS-REQ (pvno 5, msg-type 10). */
export function encodeAsReq(value: AsReq): Uint8Array {
  const body = encodeSequence([
    encodeExplicit(1, encodeInteger(KRB5_PVNO)),
    encodeExplicit(2, encodeInteger(KRB_AS_REQ)),
    encodeOptional(3, value.padata, encodeMethodData),
    encodeExplicit(4, encodeKdcReqBody(value.reqBody)),
  ]);
  return encodeApplication(KRB_AS_REQ, body);
}

/** Reads an AS-REQ from `r`. */
export function readAsReq(r: DerReader): AsReq {
  return readApplication(r, KRB_AS_REQ, (a) =>
    readSequence(a, (f) => {
      readField(f, 1, 'pvno', (v) => readFixedInteger(v, KRB5_PVNO, 'pvno'));
      readField(f, 2, 'msg-type', (v) => readFixedInteger(v, KRB_AS_REQ, 'msg-type'));
      const padata = readOptionalField(f, 3, 'padata', readMethodData);
      const reqBody = readField(f, 4, 'req-body', readKdcReqBody);
      return compact({ padata, reqBody });
    }),
  );
}

/** Decodes a DER AS-REQ; throws DecodeError. */
export function decodeAsReq(bytes: Uint8Array): AsReq {
  return decodeWhole(bytes, 'AS-REQ', readAsReq);
}
