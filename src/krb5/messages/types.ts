/**
 * The Kerberos messages kerbside speaks, as plain TypeScript values. Names follow
 * RFC 4120 section 5 (and RFC 3244 for the password-change data). Encoders and decoders
 * live one message per file beside this one.
 */

/** PrincipalName (RFC 4120 section 5.2.2). */
export interface PrincipalName {
  readonly nameType: number;
  readonly nameString: readonly string[];
}

/** EncryptionKey (RFC 4120 section 5.2.9). */
export interface EncryptionKey {
  readonly keytype: number;
  readonly keyvalue: Uint8Array;
}

/** EncryptedData (RFC 4120 section 5.2.9). */
export interface EncryptedData {
  readonly etype: number;
  readonly kvno?: number;
  readonly cipher: Uint8Array;
}

/** Checksum (RFC 4120 section 5.2.9). */
export interface Checksum {
  readonly cksumtype: number;
  readonly checksum: Uint8Array;
}

/** PA-DATA (RFC 4120 section 5.2.7). */
export interface PaData {
  readonly padataType: number;
  readonly padataValue: Uint8Array;
}

/** HostAddress (RFC 4120 section 5.2.5). */
export interface HostAddress {
  readonly addrType: number;
  readonly address: Uint8Array;
}

/** One LastReq entry (RFC 4120 section 5.4.2); lr-type 6 is the password expiry. */
export interface LastReqEntry {
  readonly lrType: number;
  readonly lrValue: Date;
}

/** Ticket (RFC 4120 section 5.3). Kept with its exact DER bytes for reuse in an AP-REQ. */
export interface Ticket {
  readonly tktVno: number;
  readonly realm: string;
  readonly sname: PrincipalName;
  readonly encPart: EncryptedData;
  /** The whole [APPLICATION 1] encoding as received. */
  readonly der: Uint8Array;
}

/**
 * KerberosFlags (RFC 4120 section 5.2.8) as a 32-bit number where bit 0 of the RFC is the
 * most significant bit, so flag n is `(flags >>> (31 - n)) & 1`.
 */
export type KerberosFlags = number;

/** KDC-REQ-BODY (RFC 4120 section 5.4.1). */
export interface KdcReqBody {
  readonly kdcOptions: KerberosFlags;
  readonly cname?: PrincipalName;
  readonly realm: string;
  readonly sname?: PrincipalName;
  readonly from?: Date;
  readonly till: Date;
  readonly rtime?: Date;
  readonly nonce: number;
  readonly etype: readonly number[];
  readonly addresses?: readonly HostAddress[];
}

/** AS-REQ (RFC 4120 section 5.4.1), [APPLICATION 10]. */
export interface AsReq {
  readonly padata?: readonly PaData[];
  readonly reqBody: KdcReqBody;
}

/** AS-REP (RFC 4120 section 5.4.2), [APPLICATION 11]. */
export interface AsRep {
  readonly padata?: readonly PaData[];
  readonly crealm: string;
  readonly cname: PrincipalName;
  readonly ticket: Ticket;
  readonly encPart: EncryptedData;
}

/** EncKDCRepPart (RFC 4120 section 5.4.2); EncASRepPart is [APPLICATION 25]. */
export interface EncKdcRepPart {
  readonly key: EncryptionKey;
  readonly lastReq: readonly LastReqEntry[];
  readonly nonce: number;
  readonly keyExpiration?: Date;
  readonly flags: KerberosFlags;
  readonly authtime: Date;
  readonly starttime?: Date;
  readonly endtime: Date;
  readonly renewTill?: Date;
  readonly srealm: string;
  readonly sname: PrincipalName;
  readonly caddr?: readonly HostAddress[];
  readonly encryptedPaData?: readonly PaData[];
}

/** KRB-ERROR (RFC 4120 section 5.9.1), [APPLICATION 30]. */
export interface KrbError {
  readonly ctime?: Date;
  readonly cusec?: number;
  readonly stime: Date;
  readonly susec: number;
  readonly errorCode: number;
  readonly crealm?: string;
  readonly cname?: PrincipalName;
  readonly realm: string;
  readonly sname: PrincipalName;
  readonly eText?: string;
  readonly eData?: Uint8Array;
}

/** PA-ENC-TS-ENC (RFC 4120 section 5.2.7.2). */
export interface PaEncTsEnc {
  readonly patimestamp: Date;
  readonly pausec?: number;
}

/** ETYPE-INFO2-ENTRY (RFC 4120 section 5.2.7.5). */
export interface EtypeInfo2Entry {
  readonly etype: number;
  readonly salt?: string;
  readonly s2kparams?: Uint8Array;
}

/** AP-REQ (RFC 4120 section 5.5.1), [APPLICATION 14]. */
export interface ApReq {
  readonly apOptions: KerberosFlags;
  readonly ticket: Ticket;
  readonly authenticator: EncryptedData;
}

/** Authenticator (RFC 4120 section 5.5.1), [APPLICATION 2]. */
export interface Authenticator {
  readonly crealm: string;
  readonly cname: PrincipalName;
  readonly cksum?: Checksum;
  readonly cusec: number;
  readonly ctime: Date;
  readonly subkey?: EncryptionKey;
  readonly seqNumber?: number;
}

/** AP-REP (RFC 4120 section 5.5.2), [APPLICATION 15]. */
export interface ApRep {
  readonly encPart: EncryptedData;
}

/** EncAPRepPart (RFC 4120 section 5.5.2), [APPLICATION 27]. */
export interface EncApRepPart {
  readonly ctime: Date;
  readonly cusec: number;
  readonly subkey?: EncryptionKey;
  readonly seqNumber?: number;
}

/** KRB-PRIV (RFC 4120 section 5.7.1), [APPLICATION 21]. */
export interface KrbPriv {
  readonly encPart: EncryptedData;
}

/** EncKrbPrivPart (RFC 4120 section 5.7.1), [APPLICATION 28]. */
export interface EncKrbPrivPart {
  readonly userData: Uint8Array;
  readonly timestamp?: Date;
  readonly usec?: number;
  readonly seqNumber?: number;
  readonly sAddress: HostAddress;
  readonly rAddress?: HostAddress;
}

/** ChangePasswdData (RFC 3244 section 2), for protocol version 0xff80. */
export interface ChangePasswdData {
  readonly newpasswd: Uint8Array;
  readonly targname?: PrincipalName;
  readonly targrealm?: string;
}
