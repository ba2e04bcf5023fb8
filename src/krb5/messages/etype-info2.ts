/**
 * ETYPE-INFO2-ENTRY ::= SEQUENCE { etype [0] Int32, salt [1] KerberosString OPTIONAL,
 * s2kparams [2] OCTET STRING OPTIONAL } and ETYPE-INFO2 ::= SEQUENCE SIZE (1..MAX) OF
 * ETYPE-INFO2-ENTRY (RFC 4120 section 5.2.7.5): the value of PA-ETYPE-INFO2.
 */

import {
  decodeWhole,
  encodeExplicit,
  encodeInt32,
  encodeKerberosString,
  encodeOctetString,
  encodeOptional,
  encodeSequence,
  encodeSequenceOf,
  readField,
  readInt32,
  readKerberosString,
  readOctetString,
  readOptionalField,
  readSequence,
  readSequenceOf,
} from '../asn1/der.js';
import type { DerReader } from '../asn1/der.js';
import { compact } from './compact.js';
import type { EtypeInfo2Entry } from './types.js';

/** DER encoding of an ETYPE-INFO2-ENTRY. */
export function encodeEtypeInfo2Entry(value: EtypeInfo2Entry): Uint8Array {
  return encodeSequence([
    encodeExplicit(0, encodeInt32(value.etype)),
    encodeOptional(1, value.salt, encodeKerberosString),
    encodeOptional(2, value.s2kparams, encodeOctetString),
  ]);
}

/** Reads an ETYPE-INFO2-ENTRY from `r`. */
export function readEtypeInfo2Entry(r: DerReader): EtypeInfo2Entry {
  return readSequence(r, (f) => {
    const etype = readField(f, 0, 'etype', readInt32);
    const salt = readOptionalField(f, 1, 'salt', readKerberosString);
    const s2kparams = readOptionalField(f, 2, 's2kparams', readOctetString);
    return compact({ etype, salt, s2kparams });
  });
}

/** Decodes a DER ETYPE-INFO2-ENTRY; throws DecodeError. */
export function decodeEtypeInfo2Entry(bytes: Uint8Array): EtypeInfo2Entry {
  return decodeWhole(bytes, 'ETYPE-INFO2-ENTRY', readEtypeInfo2Entry);
}

/** DER encoding of an ETYPE-INFO2; throws RangeError when `value` is empty (SIZE (1..MAX)). */
export function encodeEtypeInfo2(value: readonly EtypeInfo2Entry[]): Uint8Array {
  if (value.length === 0) throw new RangeError('ETYPE-INFO2 needs at least one entry');
  return encodeSequenceOf(value, encodeEtypeInfo2Entry);
}

/** Reads an ETYPE-INFO2 from `r`, refusing an empty one. */
export function readEtypeInfo2(r: DerReader): EtypeInfo2Entry[] {
  const offset = r.offset;
  const entries = readSequenceOf(r, readEtypeInfo2Entry);
  if (entries.length === 0) r.fail('ETYPE-INFO2 is empty', offset);
  return entries;
}

/** Decodes the DER value of a PA-ETYPE-INFO2; throws DecodeError. */
export function decodeEtypeInfo2(bytes: Uint8Array): EtypeInfo2Entry[] {
  return decodeWhole(bytes, 'ETYPE-INFO2', readEtypeInfo2);
}
