/**
 * Kerberos message types (RFC 4120 section 7.5.7): the msg-type field and the APPLICATION
 * tag of each message. Inner structures have their own APPLICATION tags (RFC 4120 section 5).
 */

export const KRB_AS_REQ = 10;
export const KRB_AS_REP = 11;
export const KRB_TGS_REQ = 12;
export const KRB_TGS_REP = 13;
export const KRB_AP_REQ = 14;
export const KRB_AP_REP = 15;
export const KRB_SAFE = 20;
export const KRB_PRIV = 21;
export const KRB_CRED = 22;
export const KRB_ERROR = 30;

/** pvno, tkt-vno and authenticator-vno of Kerberos 5 (RFC 4120 section 5.1). */
export const KRB5_PVNO = 5;

/** APPLICATION tags of the structures that are not messages themselves (RFC 4120 section 5). */
export const APPLICATION_TICKET = 1;
export const APPLICATION_AUTHENTICATOR = 2;
export const APPLICATION_ENC_TICKET_PART = 3;
export const APPLICATION_ENC_AS_REP_PART = 25;
export const APPLICATION_ENC_TGS_REP_PART = 26;
export const APPLICATION_ENC_AP_REP_PART = 27;
export const APPLICATION_ENC_KRB_PRIV_PART = 28;
export const APPLICATION_ENC_KRB_CRED_PART = 29;
