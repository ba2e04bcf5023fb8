/**
 * Authenticator ::= [APPLICATION 2] SEQUENCE (RFC 4120 section 5.5.1). The [8]
 * authorization-data field is not used by this library and is refused when decoding.
 *
 *     { authenticator-vno [0] INTEGER (5), crealm [1] Realm, cname [2] PrincipalName,
 *       cksum [3] Checksum OPTIONAL, cusec [4] Microseconds, ctime [5] KerberosTime,
 *       subkey [6] EncryptionKey OPTIONAL, seq-number [7] UInt32 OPTIONAL }
 */

import {
  decodeWhole,
  encodeApplication,
  encodeExplicit,
  encodeInteger,
  encodeKerberosString,
  encodeKerberosTime,
  encodeMicroseconds,
  encodeOptional,
  encodeSequence,
  encodeUInt32,
  readApplication,
  readField,
  readFixedInteger,
  readKerberosString,
  readKerberosTime,
  readMicroseconds,
  readOptionalField,
  readSeqNumber,
  readSequence,
} from '../asn1/der.js';
import type { DerReader } from '../asn1/der.js';
import { APPLICATION_AUTHENTICATOR, KRB5_PVNO } from '../iana/message-types.js';
import { encodeChecksum, readChecksum } from './checksum.js';
import { compact } from './compact.js';
import { encodeEncryptionKey, readEncryptionKey } from './encryption-key.js';
import { encodePrincipalName, readPrincipalName } from './principal-name.js';
import type { Authenticator } from './types.js';

/** DER encoding of an Authenticator (authenticator-vno 5). */
export function encodeAuthenticator(value: Authenticator): Uint8Array {
  const body = encodeSequence([
    encodeExplicit(0, encodeInteger(KRB5_PVNO)),
    encodeExplicit(1, encodeKerberosString(value.crealm)),
    encodeExplicit(2, encodePrincipalName(value.cname)),
    encodeOptional(3, value.cksum, encodeChecksum),
    encodeExplicit(4, encodeMicroseconds(value.cusec)),
    encodeExplicit(5, encodeKerberosTime(value.ctime)),
    encodeOptional(6, value.subkey, encodeEncryptionKey),
    encodeOptional(7, value.seqNumber, encodeUInt32),
  ]);
  return encodeApplication(APPLICATION_AUTHENTICATOR, body);
}

/** Reads an Authenticator from `r`. */
export function readAuthenticator(r: DerReader): Authenticator {
  return readApplication(r, APPLICATION_AUTHENTICATOR, (a) =>
    readSequence(a, (f) => {
      readField(f, 0, 'authenticator-vno', (v) =>
        readFixedInteger(v, KRB5_PVNO, 'authenticator-vno'),
      );
      const crealm = readField(f, 1, 'crealm', readKerberosString);
      const cname = readField(f, 2, 'cname', readPrincipalName);
      const cksum = readOptionalField(f, 3, 'cksum', readChecksum);
      const cusec = readField(f, 4, 'cusec', readMicroseconds);
      const ctime = readField(f, 5, 'ctime', readKerberosTime);
      const subkey = readOptionalField(f, 6, 'subkey', readEncryptionKey);
      const seqNumber = readOptionalField(f, 7, 'seq-number', readSeqNumber);
      return compact({ crealm, cname, cksum, cusec, ctime, subkey, seqNumber });
    }),
  );
}

/** Decodes a DER Authenticator; throws DecodeError. */
export function decodeAuthenticator(bytes: Uint8Array): Authenticator {
  return decodeWhole(bytes, 'Authenticator', readAuthenticator);
}
