/**
 * The messages that are an envelope around one EncryptedData: [APPLICATION n] SEQUENCE
 * { pvno [0] INTEGER (5), msg-type [1] INTEGER (n), enc-part [k] EncryptedData }. AP-REP has
 * its enc-part at [2] (RFC 4120 section 5.5.2), KRB-PRIV at [3] (section 5.7.1).
 */

import {
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
import { KRB5_PVNO } from '../iana/message-types.js';
import { encodeEncryptedData, readEncryptedData } from './encrypted-data.js';
import type { EncryptedData } from './types.js';

/** Where a message of this kind keeps its enc-part. */
export interface EncPartLayout {
  readonly msgType: number;
  readonly encPartTag: number;
}

export function encodeEncPartMessage(layout: EncPartLayout, encPart: EncryptedData): Uint8Array {
  const body = encodeSequence([
    encodeExplicit(0, encodeInteger(KRB5_PVNO)),
    encodeExplicit(1, encodeInteger(layout.msgType)),
    encodeExplicit(layout.encPartTag, encodeEncryptedData(encPart)),
  ]);
  return encodeApplication(layout.msgType, body);
}

export function readEncPartMessage(r: DerReader, layout: EncPartLayout): EncryptedData {
  return readApplication(r, layout.msgType, (a) =>
    readSequence(a, (f) => {
      readField(f, 0, 'pvno', (v) => readFixedInteger(v, KRB5_PVNO, 'pvno'));
      readField(f, 1, 'msg-type', (v) => readFixedInteger(v, layout.msgType, 'msg-type'));
      return readField(f, layout.encPartTag, 'enc-part', readEncryptedData);
    }),
  );
}
