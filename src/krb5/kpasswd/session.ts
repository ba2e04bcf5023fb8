import { randomInt } from 'node:crypto';

import { decrypt, encrypt, randomKey } from '../crypto/index.js';
import { ProtocolError } from '../errors.js';
import {
  decodeApRep,
  decodeEncApRepPart,
  decodeEncKrbPrivPart,
  decodeKrbPriv,
  encodeApReq,
  encodeAuthenticator,
  encodeEncKrbPrivPart,
  encodeKrbPriv,
} from '../messages/index.js';
import type { EncryptionKey, HostAddress } from '../messages/types.js';
import type { InitialTicket } from '../client/as-exchange.js';
import { AP_REP_ENCPART, AP_REQ_AUTHENTICATOR, KRB_PRIV_ENCPART } from '../iana/key-usages.js';
import { ADDRTYPE_IPV4, ADDRTYPE_IPV6 } from '../iana/address-types.js';
import { frameRequest } from './wire.js';

/** ap-options bit 2, mutual-required (RFC 4120 section 5.5.1): we need the AP-REP. */
const AP_OPTIONS_MUTUAL_REQUIRED = 1 << (31 - 2);

/**
 * The state of one password-change request: what the reply must match. One instance is used
 * for exactly one request; a new attempt needs a new instance (new subkey, new sequence).
 */
export interface KpasswdSession {
  readonly sessionKey: EncryptionKey;
  readonly subkey: EncryptionKey;
  readonly ctime: Date;
  readonly cusec: number;
}

/**
 * Builds the framed request: an AP-REQ for the kadmin/changepw ticket with a fresh subkey and
 * sequence number, and a KRB-PRIV whose user-data is the new password (a self-change, so no
 * target name or realm). `localAddress` is this end of the connection: MIT's server checks
 * the KRB-PRIV's s-address against the address it sees the request come from.
 */
export function buildChangeRequest(
  ticket: InitialTicket,
  newPassword: string,
  localAddress: string,
  now: Date,
): { session: KpasswdSession; request: Uint8Array } {
  const subkey = randomKey(ticket.sessionKey.keytype);
  const seqNumber = randomInt(0, 0x3fffffff);
  const ms = now.getTime();
  const session = {
    sessionKey: ticket.sessionKey,
    subkey,
    ctime: new Date(Math.floor(ms / 1000) * 1000),
    cusec: (ms % 1000) * 1000,
  };

  const authenticator = encodeAuthenticator({
    crealm: ticket.client.realm,
    cname: ticket.client.name,
    cusec: session.cusec,
    ctime: session.ctime,
    subkey,
    seqNumber,
  });
  const apReq = encodeApReq({
    apOptions: AP_OPTIONS_MUTUAL_REQUIRED,
    ticket: ticket.ticket,
    authenticator: {
      etype: ticket.sessionKey.keytype,
      cipher: encrypt(ticket.sessionKey, AP_REQ_AUTHENTICATOR, authenticator),
    },
  });

  const privPart = encodeEncKrbPrivPart({
    userData: Buffer.from(newPassword, 'utf8'),
    seqNumber,
    sAddress: hostAddress(localAddress),
  });
  const krbPriv = encodeKrbPriv({
    encPart: { etype: subkey.keytype, cipher: encrypt(subkey, KRB_PRIV_ENCPART, privPart) },
  });
  return { session, request: frameRequest(apReq, krbPriv) };
}

/**
 * Checks the AP-REP and KRB-PRIV of a reply and returns the KRB-PRIV's user-data. The AP-REP
 * must decrypt under the session key and echo our authenticator's time; the KRB-PRIV must
 * decrypt under the negotiated key and carry the server's announced sequence number.
 */
export function openChangeReply(
  session: KpasswdSession,
  apRepBytes: Uint8Array,
  krbPrivBytes: Uint8Array,
): Uint8Array {
  const apRep = decodeApRep(apRepBytes);
  const repPart = decodeEncApRepPart(
    decrypt(session.sessionKey, AP_REP_ENCPART, apRep.encPart.cipher),
  );
  if (repPart.ctime.getTime() !== session.ctime.getTime() || repPart.cusec !== session.cusec) {
    throw new ProtocolError('the AP-REP does not answer this request');
  }

  // RFC 4120 section 5.5.2: a subkey in the AP-REP replaces ours for what follows.
  const key = repPart.subkey ?? session.subkey;
  const priv = decodeKrbPriv(krbPrivBytes);
  const part = decodeEncKrbPrivPart(decrypt(key, KRB_PRIV_ENCPART, priv.encPart.cipher));
  if (repPart.seqNumber !== undefined && part.seqNumber !== repPart.seqNumber) {
    throw new ProtocolError('the KRB-PRIV sequence number does not match the AP-REP');
  }
  return part.userData;
}

/** A HostAddress for an IPv4 or IPv6 socket address as Node reports it. */
export function hostAddress(address: string): HostAddress {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const v4 = mapped?.[1] ?? (/^\d+\.\d+\.\d+\.\d+$/.test(address) ? address : undefined);
  if (v4 !== undefined) {
    return { addrType: ADDRTYPE_IPV4, address: Uint8Array.from(v4.split('.').map(Number)) };
  }
  return { addrType: ADDRTYPE_IPV6, address: ipv6Bytes(address) };
}

function ipv6Bytes(address: string): Uint8Array {
  const [head = '', tail = ''] = address.split('%')[0]!.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  if (groups.length !== 8 || !address.includes(':')) {
    throw new ProtocolError('local socket address is not an IP address');
  }
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}
