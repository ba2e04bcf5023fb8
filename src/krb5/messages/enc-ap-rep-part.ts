/**
 * EncAPRepPart ::= [APPLICATION 27] SEQUENCE { ctime [0] KerberosTime, cusec [1] Microseconds,
 * subkey [2] EncryptionKey OPTIONAL, seq-number [3] UInt32 OPTIONAL } (RFC 4120 5.5.2).
 */

import {
  decodeWhole,
  encodeApplication,
  encodeExplicit,
  encodeKerberosTime,
  encodeMicroseconds,
  encodeOptional,
  encodeSequence,
  encodeUInt32,
  readApplication,
  readField,
  readKerberosTime,
  readMicroseconds,
  readOptionalField,
  readSeqNumber,
  readSequence,
} from '../asn1/der.js';
import type { DerReader } from '../asn1/der.js';
import { APPLICATION_ENC_AP_REP_PART } from '../iana/message-types.js';
import { compact } from './compact.js';
import { encodeEncryptionKey, readEncryptionKey } from './encryption-key.js';
import type { EncApRepPart } from './types.js';

/** DER encoding of an EncAPRepPart. */
export function encodeEncApRepPart(value: EncApRepPart): Uint8Array {
  const body = encodeSequence([
    encodeExplicit(0, encodeKerberosTime(value.ctime)),
    encodeExplicit(1, encodeMicroseconds(value.cusec)),
    encodeOptional(2, value.subkey, encodeEncryptionKey),
    encodeOptional(3, value.seqNumber, encodeUInt32),
  ]);
  return encodeApplication(APPLICATION_ENC_AP_REP_PART, body);
}

/** Reads an EncAPRepPart from `r`. */
export function readEncApRepPart(r: DerReader): EncApRepPart {
  return readApplication(r, APPLICATION_ENC_AP_REP_PART, (a) =>
    readSequence(a, (f) => {
      const ctime = readField(f, 0, 'ctime', readKerberosTime);
      const cusec = readField(f, 1, 'cusec', readMicroseconds);
      const subkey = readOptionalField(f, 2, 'subkey', readEncryptionKey);
      const seqNumber = readOptionalField(f, 3, 'seq-number', readSeqNumber);
      return compact({ ctime, cusec, subkey, seqNumber });
    }),
  );
}

/** Decodes a DER EncAPRepPart; throws DecodeError. */
export function decodeEncApRepPart(bytes: Uint8Array): EncApRepPart {
  return decodeWhole(bytes, 'EncAPRepPart', readEncApRepPart);
}
