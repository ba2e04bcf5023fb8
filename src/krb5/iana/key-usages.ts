/**
 * Key usage numbers: the "usage" input of key derivation, so that a key used for one purpose
 * never yields the same derived key as for another. Numbers 1-1025 are RFC 4120 section 7.5.1;
 * 22-25 are RFC 4121 section 2; 50-56 are RFC 6113 (FAST).
 */

/** AS-REQ PA-ENC-TIMESTAMP padata timestamp, encrypted with the client key. */
export const AS_REQ_PA_ENC_TIMESTAMP = 1;
/** AS-REP and TGS-REP Ticket, encrypted with the service key. */
export const KDC_REP_TICKET = 2;
/** AS-REP encrypted part, encrypted with the client key. */
export const AS_REP_ENCPART = 3;
/** TGS-REQ KDC-REQ-BODY AuthorizationData, encrypted with the TGS session key. */
export const TGS_REQ_AUTHDATA_SESSION_KEY = 4;
/** TGS-REQ KDC-REQ-BODY AuthorizationData, encrypted with the TGS authenticator subkey. */
export const TGS_REQ_AUTHDATA_SUBKEY = 5;
/** TGS-REQ PA-TGS-REQ AP-REQ Authenticator cksum, keyed with the TGS session key. */
export const TGS_REQ_PA_TGS_REQ_CKSUM = 6;
/** TGS-REQ PA-TGS-REQ AP-REQ Authenticator, encrypted with the TGS session key. */
export const TGS_REQ_PA_TGS_REQ_AUTHENTICATOR = 7;
/** TGS-REP encrypted part, encrypted with the TGS session key. */
export const TGS_REP_ENCPART_SESSION_KEY = 8;
/** TGS-REP encrypted part, encrypted with the TGS authenticator subkey. */
export const TGS_REP_ENCPART_SUBKEY = 9;
/** AP-REQ Authenticator cksum, keyed with the application session key. */
export const AP_REQ_AUTHENTICATOR_CKSUM = 10;
/** AP-REQ Authenticator, encrypted with the application session key. */
export const AP_REQ_AUTHENTICATOR = 11;
/** AP-REP encrypted part, encrypted with the application session key. */
export const AP_REP_ENCPART = 12;
/** KRB-PRIV encrypted part, encrypted with a key chosen by the application. */
export const KRB_PRIV_ENCPART = 13;
/** KRB-CRED encrypted part, encrypted with a key chosen by the application. */
export const KRB_CRED_ENCPART = 14;
/** KRB-SAFE cksum, keyed with a key chosen by the application. */
export const KRB_SAFE_CKSUM = 15;
/** AD-KDC-ISSUED ad-checksum (RFC 4120 section 5.2.6.4). */
export const AD_KDC_ISSUED_CKSUM = 19;
/** GSS-API acceptor seal (RFC 4121 section 2). */
export const GSS_ACCEPTOR_SEAL = 22;
/** GSS-API acceptor sign (RFC 4121 section 2). */
export const GSS_ACCEPTOR_SIGN = 23;
/** GSS-API initiator seal (RFC 4121 section 2). */
export const GSS_INITIATOR_SEAL = 24;
/** GSS-API initiator sign (RFC 4121 section 2). */
export const GSS_INITIATOR_SIGN = 25;
/** FAST request checksum, RFC 6113. */
export const FAST_REQ_CHKSUM = 50;
/** FAST armored request encryption, RFC 6113. */
export const FAST_ENC = 51;
/** FAST armored reply encryption, RFC 6113. */
export const FAST_REP = 52;
/** FAST finished checksum, RFC 6113. */
export const FAST_FINISHED = 53;
/** Encrypted challenge from the client, RFC 6113. */
export const ENC_CHALLENGE_CLIENT = 54;
/** Encrypted challenge from the KDC, RFC 6113. */
export const ENC_CHALLENGE_KDC = 55;
/** KEY_USAGE_AS_REQ of RFC 6113 (FAST). */
export const AS_REQ = 56;
/** Encryption for application use in protocols that name no usage of their own. */
export const APPLICATION_ENCRYPTION = 1024;
/** Checksums for application use in protocols that name no usage of their own. */
export const APPLICATION_CHECKSUM = 1025;
