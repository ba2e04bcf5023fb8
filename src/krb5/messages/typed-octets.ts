/**
 * The RFC 4120 shape SEQUENCE { <type> [a] Int32, <value> [b] OCTET STRING }, shared by
 * Checksum, EncryptionKey, HostAddress and PA-DATA: one codec, told its tags and names.
 */

import {
  encodeExplicit,
  encodeInt32,
  encodeOctetString,
  encodeSequence,
  readField,
  readInt32,
  readOctetString,
  readSequence,
} from '../asn1/der.js';
import type { DerReader } from '../asn1/der.js';

/** One field: its context tag, its ASN.1 name (for errors) and its property. */
export interface TypedOctetsField<K extends string> {
  readonly tag: number;
  readonly name: string;
  readonly key: K;
}

export interface TypedOctetsCodec<T> {
  encode(value: T): Uint8Array;
  read(r: DerReader): T;
}

export function typedOctets<TK extends string, VK extends string>(
  type: TypedOctetsField<TK>,
  value: TypedOctetsField<VK>,
): TypedOctetsCodec<Readonly<Record<TK, number> & Record<VK, Uint8Array>>> {
  type Value = Readonly<Record<TK, number> & Record<VK, Uint8Array>>;
  return {
    encode: (v: Value) =>
      encodeSequence([
        encodeExplicit(type.tag, encodeInt32(v[type.key])),
        encodeExplicit(value.tag, encodeOctetString(v[value.key])),
      ]),
    read: (r: DerReader) =>
      readSequence(
        r,
        (f) =>
          ({
            [type.key]: readField(f, type.tag, type.name, readInt32),
            [value.key]: readField(f, value.tag, value.name, readOctetString),
          }) as Value,
      ),
  };
}
