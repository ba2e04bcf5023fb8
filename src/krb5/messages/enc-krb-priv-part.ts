/**
 * EncKrbPrivPart ::= [APPLICATION 28] SEQUENCE (RFC 4120 section 5.7.1).
 *
 *     { user-data [0] OCTET STRING, timestamp [1] KerberosTime OPTIONAL,
 *       usec [2] Microseconds OPTIONAL, seq-number [3] UInt32 OPTIONAL,
 *       s-address [4] HostAddress, r-address [5] HostAddress OPTIONAL }
 */

import {
  decodeWhole,
  encodeApplication,
  encodeExplicit,
  encodeKerberosTime,
  encodeMicroseconds,
  encodeOctetString,
  encodeOptional,
  encodeSequence,
  encodeUInt32,
  readApplication,
  readField,
  readKerberosTime,
  readMicroseconds,
  readOctetString,
  readOptionalField,
  readSeqNumber,
  readSequence,
} from '../asn1/der.js';
import type { DerReader } from '../asn1/der.js';
import { APPLICATION_ENC_KRB_PRIV_PART } from '../iana/message-types.js';
import { compact } from './compact.js';
import { encodeHostAddress, readHostAddress } from './host-address.js';
import type { EncKrbPrivPart } from './types.js';

/** DER encoding of an EncKrbPrivPart. */
export function encodeEncKrbPrivPart(value: EncKrbPrivPart): Uint8Array {
  const body = encodeSequence([
    encodeExplicit(0, encodeOctetString(value.userData)),
    encodeOptional(1, value.timestamp, encodeKerberosTime),
    encodeOptional(2, value.usec, encodeMicroseconds),
    encodeOptional(3, value.seqNumber, encodeUInt32),
    encodeExplicit(4, encodeHostAddress(value.sAddress)),
    encodeOptional(5, value.rAddress, encodeHostAddress),
  ]);
  return encodeApplication(APPLICATION_ENC_KRB_PRIV_PART, body);
}

/** Reads an EncKrbPrivPart from `r`. */
export function readEncKrbPrivPart(r: DerReader): EncKrbPrivPart {
  return readApplication(r, APPLICATION_ENC_KRB_PRIV_PART, (a) =>
    readSequence(a, (f) => {
      const userData = readField(f, 0, 'user-data', readOctetString);
      const timestamp = readOptionalField(f, 1, 'timestamp', readKerberosTime);
      const usec = readOptionalField(f, 2, 'usec', readMicroseconds);
      const seqNumber = readOptionalField(f, 3, 'seq-number', readSeqNumber);
      const sAddress = readField(f, 4, 's-address', readHostAddress);
      const rAddress = readOptionalField(f, 5, 'r-address', readHostAddress);
      return compact({ userData, timestamp, usec, seqNumber, sAddress, rAddress });
    }),
  );
}

/** Decodes a DER EncKrbPrivPart; throws DecodeError. */
export function decodeEncKrbPrivPart(bytes: Uint8Array): EncKrbPrivPart {
  return decodeWhole(bytes, 'EncKrbPrivPart', readEncKrbPrivPart);
}
