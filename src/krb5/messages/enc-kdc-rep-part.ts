/**
 * EncKDCRepPart (RFC 4120 section 5.4.2), the plaintext of an AS-REP's enc-part:
 * EncASRepPart ::= [APPLICATION 25] EncKDCRepPart. Some KDCs, MIT's among them, send
 * [APPLICATION 26] (EncTGSRepPart) in AS replies too; RFC 4120 section 5.4.2 lets clients
 * relax the tag check, so both are accepted.
 *
 *     EncKDCRepPart ::= SEQUENCE { key [0] EncryptionKey, last-req [1] LastReq,
 *       nonce [2] UInt32, key-expiration [3] KerberosTime OPTIONAL, flags [4] TicketFlags,
 *       authtime [5] KerberosTime, starttime [6] KerberosTime OPTIONAL,
 *       endtime [7] KerberosTime, renew-till [8] KerberosTime OPTIONAL, srealm [9] Realm,
 *       sname [10] PrincipalName, caddr [11] HostAddresses OPTIONAL,
 *       encrypted-pa-data [12] SEQUENCE OF PA-DATA OPTIONAL -- RFC 6806 }
 */

import {
  decodeWhole,
  encodeApplication,
  encodeExplicit,
  encodeKerberosFlags,
  encodeKerberosString,
  encodeKerberosTime,
  encodeOptional,
  encodeSequence,
  encodeUInt32,
  readApplication,
  readField,
  readKerberosFlags,
  readKerberosString,
  readKerberosTime,
  readOptionalField,
  readSequence,
  readUInt32,
} from '../asn1/der.js';
import type { DerReader } from '../asn1/der.js';
import {
  APPLICATION_ENC_AS_REP_PART,
  APPLICATION_ENC_TGS_REP_PART,
} from '../iana/message-types.js';
import { compact } from './compact.js';
import { encodeEncryptionKey, readEncryptionKey } from './encryption-key.js';
import { encodeHostAddresses, readHostAddresses } from './host-address.js';
import { encodeLastReq, readLastReq } from './last-req.js';
import { encodeMethodData, readMethodData } from './pa-data.js';
import { encodePrincipalName, readPrincipalName } from './principal-name.js';
import type { EncKdcRepPart } from './types.js';

/** DER encoding of an EncKDCRepPart, tagged [APPLICATION 25] (EncASRepPart) by default. */
export function encodeEncKdcRepPart(
  value: EncKdcRepPart,
  applicationTag: 25 | 26 = APPLICATION_ENC_AS_REP_PART,
): Uint8Array {
  const body = encodeSequence([
    encodeExplicit(0, encodeEncryptionKey(value.key)),
    encodeExplicit(1, encodeLastReq(value.lastReq)),
    encodeExplicit(2, encodeUInt32(value.nonce)),
    encodeOptional(3, value.keyExpiration, encodeKerberosTime),
    encodeExplicit(4, encodeKerberosFlags(value.flags)),
    encodeExplicit(5, encodeKerberosTime(value.authtime)),
    encodeOptional(6, value.starttime, encodeKerberosTime),
    encodeExplicit(7, encodeKerberosTime(value.endtime)),
    encodeOptional(8, value.renewTill, encodeKerberosTime),
    encodeExplicit(9, encodeKerberosString(value.srealm)),
    encodeExplicit(10, encodePrincipalName(value.sname)),
    encodeOptional(11, value.caddr, encodeHostAddresses),
    encodeOptional(12, value.encryptedPaData, encodeMethodData),
  ]);
  return encodeApplication(applicationTag, body);
}

/** Reads an EncASRepPart ([APPLICATION 25]) or EncTGSRepPart ([APPLICATION 26]) from `r`. */
export function readEncKdcRepPart(r: DerReader): EncKdcRepPart {
  const tag = r.peekTag();
  const isTgsTag = tag?.tagClass === 'application' && tag.number === APPLICATION_ENC_TGS_REP_PART;
  const number = isTgsTag ? APPLICATION_ENC_TGS_REP_PART : APPLICATION_ENC_AS_REP_PART;
  return readApplication(r, number, (a) => readSequence(a, readFields));
}

function readFields(f: DerReader): EncKdcRepPart {
  const key = readField(f, 0, 'key', readEncryptionKey);
  const lastReq = readField(f, 1, 'last-req', readLastReq);
  const nonce = readField(f, 2, 'nonce', readUInt32);
  const keyExpiration = readOptionalField(f, 3, 'key-expiration', readKerberosTime);
  const flags = readField(f, 4, 'flags', readKerberosFlags);
  const authtime = readField(f, 5, 'authtime', readKerberosTime);
  const starttime = readOptionalField(f, 6, 'starttime', readKerberosTime);
  const endtime = readField(f, 7, 'endtime', readKerberosTime);
  const renewTill = readOptionalField(f, 8, 'renew-till', readKerberosTime);
  const srealm = readField(f, 9, 'srealm', readKerberosString);
  const sname = readField(f, 10, 'sname', readPrincipalName);
  const caddr = readOptionalField(f, 11, 'caddr', readHostAddresses);
  const encryptedPaData = readOptionalField(f, 12, 'encrypted-pa-data', readMethodData);
  return compact({
    key,
    lastReq,
    nonce,
    keyExpiration,
    flags,
    authtime,
    starttime,
    endtime,
    renewTill,
    srealm,
    sname,
    caddr,
    encryptedPaData,
  });
}

/** Decodes the DER plaintext of an AS-REP enc-part; throws DecodeError. */
export function decodeEncKdcRepPart(bytes: Uint8Array): EncKdcRepPart {
  return decodeWhole(bytes, 'EncKDCRepPart', readEncKdcRepPart);
}
