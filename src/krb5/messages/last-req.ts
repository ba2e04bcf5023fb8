/**
 * LastReq ::= SEQUENCE OF SEQUENCE { lr-type [0] Int32, lr-value [1] KerberosTime }
 * (RFC 4120 section 5.4.2). lr-type 6 / -6 carries the password expiry.
 */

import {
  decodeWhole,
  encodeExplicit,
  encodeInt32,
  encodeKerberosTime,
  encodeSequence,
  encodeSequenceOf,
  readField,
  readInt32,
  readKerberosTime,
  readSequence,
  readSequenceOf,
} from '../asn1/der.js';
import type { DerReader } from '../asn1/der.js';
import type { LastReqEntry } from './types.js';

function encodeLastReqEntry(value: LastReqEntry): Uint8Array {
  return encodeSequence([
    encodeExplicit(0, encodeInt32(value.lrType)),
    encodeExplicit(1, encodeKerberosTime(value.lrValue)),
  ]);
}

function readLastReqEntry(r: DerReader): LastReqEntry {
  return readSequence(r, (f) => {
    const lrType = readField(f, 0, 'lr-type', readInt32);
    const lrValue = readField(f, 1, 'lr-value', readKerberosTime);
    return { lrType, lrValue };
  });
}

/** DER encoding of a LastReq. */
export function encodeLastReq(value: readonly LastReqEntry[]): Uint8Array {
  return encodeSequenceOf(value, encodeLastReqEntry);
}

/** Reads a LastReq from `r`. */
export function readLastReq(r: DerReader): LastReqEntry[] {
  return readSequenceOf(r, readLastReqEntry);
}

/** Decodes a DER LastReq; throws DecodeError. */
export function decodeLastReq(bytes: Uint8Array): LastReqEntry[] {
  return decodeWhole(bytes, 'LastReq', readLastReq);
}
