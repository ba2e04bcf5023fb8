/**
 * AP-REQ ::= [APPLICATION 14] SEQUENCE { pvno [0] INTEGER (5), msg-type [1] INTEGER (14),
 * ap-options [2] APOptions, ticket [3] Ticket, authenticator [4] EncryptedData }
 * (RFC 4120 section 5.5.1).
 */

import {
  decodeWhole,
  encodeApplication,
  encodeExplicit,
  encodeInteger,
  encodeKerberosFlags,
  encodeSequence,
  readApplication,
  readField,
  readFixedInteger,
  readKerberosFlags,
  readSequence,
} from '../asn1/der.js';
import type { DerReader } from '../asn1/der.js';
import { KRB5_PVNO, KRB_AP_REQ } from '../iana/message-types.js';
import { encodeEncryptedData, readEncryptedData } from './encrypted-data.js';
import { readTicket } from './ticket.js';
import type { ApReq } from './types.js';

/** DER encoding of an AP-REQ; the ticket goes in as its received bytes `ticket.der`. */
export function encodeApReq(value: ApReq): Uint8Array {
  const body = encodeSequence([
    encodeExplicit(0, encodeInteger(KRB5_PVNO)),
    encodeExplicit(1, encodeInteger(KRB_AP_REQ)),
    encodeExplicit(2, encodeKerberosFlags(value.apOptions)),
    encodeExplicit(3, value.ticket.der),
    encodeExplicit(4, encodeEncryptedData(value.authenticator)),
  ]);
  return encodeApplication(KRB_AP_REQ, body);
}

/** Reads an AP-REQ from `r`. */
export function readApReq(r: DerReader): ApReq {
  return readApplication(r, KRB_AP_REQ, (a) =>
    readSequence(a, (f) => {
      readField(f, 0, 'pvno', (v) => readFixedInteger(v, KRB5_PVNO, 'pvno'));
      readField(f, 1, 'msg-type', (v) => readFixedInteger(v, KRB_AP_REQ, 'msg-type'));
      const apOptions = readField(f, 2, 'ap-options', readKerberosFlags);
      const ticket = readField(f, 3, 'ticket', readTicket);
      const authenticator = readField(f, 4, 'authenticator', readEncryptedData);
      return { apOptions, ticket, authenticator };
    }),
  );
}

/** Decodes a DER AP-REQ; throws DecodeError. */
export function decodeApReq(bytes: Uint8Array): ApReq {
  return decodeWhole(bytes, 'AP-REQ', readApReq);
}
