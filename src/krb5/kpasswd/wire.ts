import { DecodeError } from '../errors.js';

/**
 * The RFC 3244 framing around a password-change request and its reply (section 2):
 * a 2-byte total length, a 2-byte protocol version, a 2-byte AP-REQ (or AP-REP) length,
 * the AP message, then the KRB-PRIV (or, in a reply, a KRB-ERROR).
 */

/** Version 1: the user-data of the KRB-PRIV is the new password itself. */
export const KPASSWD_VERSION_CHANGE = 0x0001;

const HEADER_LENGTH = 6;
/** The first octet of a DER [APPLICATION 30] KRB-ERROR. */
const KRB_ERROR_TAG = 0x7e;

/** Frames an AP-REQ and a KRB-PRIV into one request. */
export function frameRequest(apReq: Uint8Array, krbPriv: Uint8Array): Uint8Array {
  const total = HEADER_LENGTH + apReq.length + krbPriv.length;
  if (total > 0xffff) throw new RangeError('password change request longer than 65535 bytes');

  const out = Buffer.alloc(total);
  out.writeUInt16BE(total, 0);
  out.writeUInt16BE(KPASSWD_VERSION_CHANGE, 2);
  out.writeUInt16BE(apReq.length, 4);
  out.set(apReq, HEADER_LENGTH);
  out.set(krbPriv, HEADER_LENGTH + apReq.length);
  return out;
}

/** A reply split into its parts. */
export type FramedReply =
  | { readonly kind: 'priv'; readonly apRep: Uint8Array; readonly krbPriv: Uint8Array }
  | { readonly kind: 'error'; readonly krbError: Uint8Array };

/**
 * Splits a reply. A zero AP-REP length means the rest is a KRB-ERROR (RFC 3244 section 2);
 * some servers send a bare KRB-ERROR without the header at all.
 */
export function parseReply(reply: Uint8Array): FramedReply {
  if (reply.length > 0 && reply[0] === KRB_ERROR_TAG) return { kind: 'error', krbError: reply };
  if (reply.length < HEADER_LENGTH) throw new DecodeError('kpasswd reply shorter than its header');

  const view = Buffer.from(reply.buffer, reply.byteOffset, reply.length);
  const total = view.readUInt16BE(0);
  const version = view.readUInt16BE(2);
  const apRepLength = view.readUInt16BE(4);
  if (total !== reply.length) throw new DecodeError('kpasswd reply length does not match');
  if (version !== KPASSWD_VERSION_CHANGE) {
    throw new DecodeError(`kpasswd reply has protocol version ${version}`);
  }
  if (HEADER_LENGTH + apRepLength >= reply.length) {
    throw new DecodeError('kpasswd reply has no room for its KRB-PRIV');
  }

  const rest = reply.subarray(HEADER_LENGTH + apRepLength);
  if (apRepLength === 0) return { kind: 'error', krbError: rest };
  return {
    kind: 'priv',
    apRep: reply.subarray(HEADER_LENGTH, HEADER_LENGTH + apRepLength),
    krbPriv: rest,
  };
}

/** The user-data of a reply: a 2-byte result code and a result string (RFC 3244 section 2). */
export function parseResultData(data: Uint8Array): { code: number; text: Uint8Array } {
  if (data.length < 2) throw new DecodeError('kpasswd result shorter than its code');
  return { code: (data[0]! << 8) | data[1]!, text: data.subarray(2) };
}
