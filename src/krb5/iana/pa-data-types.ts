/**
 * PA-DATA types (IANA "Kerberos Pre-authentication and Typed Data" registry: RFC 4120
 * section 7.5.2, RFC 4556, RFC 6113 section 7.1, RFC 6806, RFC 8070, MS-KILE). Constants use
 * the registry's names with `_` for `-`.
 */

export const PA_TGS_REQ = 1;
export const PA_ENC_TIMESTAMP = 2;
export const PA_PW_SALT = 3;
export const PA_ETYPE_INFO = 11;
export const PA_PK_AS_REQ_OLD = 14;
export const PA_PK_AS_REP_OLD = 15;
export const PA_PK_AS_REQ = 16;
export const PA_PK_AS_REP = 17;
export const PA_ETYPE_INFO2 = 19;
export const PA_SVR_REFERRAL_INFO = 20;
export const PA_PAC_REQUEST = 128;
export const PA_FX_COOKIE = 133;
export const PA_AUTHENTICATION_SET = 134;
export const PA_AUTH_SET_SELECTED = 135;
export const PA_FX_FAST = 136;
export const PA_FX_ERROR = 137;
export const PA_ENCRYPTED_CHALLENGE = 138;
export const PA_OTP_CHALLENGE = 141;
export const PA_OTP_REQUEST = 142;
export const PA_OTP_PIN_CHANGE = 144;
export const PA_REQ_ENC_PA_REP = 149;
export const PA_AS_FRESHNESS = 150;
export const PA_SPAKE = 151;
export const PA_SUPPORTED_ENCTYPES = 165;
export const PA_PAC_OPTIONS = 167;

const NAMES: ReadonlyMap<number, string> = new Map([
  [PA_TGS_REQ, 'PA-TGS-REQ'],
  [PA_ENC_TIMESTAMP, 'PA-ENC-TIMESTAMP'],
  [PA_PW_SALT, 'PA-PW-SALT'],
  [PA_ETYPE_INFO, 'PA-ETYPE-INFO'],
  [PA_PK_AS_REQ_OLD, 'PA-PK-AS-REQ_OLD'],
  [PA_PK_AS_REP_OLD, 'PA-PK-AS-REP_OLD'],
  [PA_PK_AS_REQ, 'PA-PK-AS-REQ'],
  [PA_PK_AS_REP, 'PA-PK-AS-REP'],
  [PA_ETYPE_INFO2, 'PA-ETYPE-INFO2'],
  [PA_SVR_REFERRAL_INFO, 'PA-SVR-REFERRAL-INFO'],
  [PA_PAC_REQUEST, 'PA-PAC-REQUEST'],
  [PA_FX_COOKIE, 'PA-FX-COOKIE'],
  [PA_AUTHENTICATION_SET, 'PA-AUTHENTICATION-SET'],
  [PA_AUTH_SET_SELECTED, 'PA-AUTH-SET-SELECTED'],
  [PA_FX_FAST, 'PA-FX-FAST'],
  [PA_FX_ERROR, 'PA-FX-ERROR'],
  [PA_ENCRYPTED_CHALLENGE, 'PA-ENCRYPTED-CHALLENGE'],
  [PA_OTP_CHALLENGE, 'PA-OTP-CHALLENGE'],
  [PA_OTP_REQUEST, 'PA-OTP-REQUEST'],
  [PA_OTP_PIN_CHANGE, 'PA-OTP-PIN-CHANGE'],
  [PA_REQ_ENC_PA_REP, 'PA-REQ-ENC-PA-REP'],
  [PA_AS_FRESHNESS, 'PA_AS_FRESHNESS'],
  [PA_SPAKE, 'PA-SPAKE'],
  [PA_SUPPORTED_ENCTYPES, 'PA-SUPPORTED-ENCTYPES'],
  [PA_PAC_OPTIONS, 'PA-PAC-OPTIONS'],
]);

/** The registry's name for a PA-DATA type, e.g. `PA-ETYPE-INFO2`; `UNKNOWN_<n>` otherwise. */
export function paDataTypeName(padataType: number): string {
  return NAMES.get(padataType) ?? `UNKNOWN_${padataType}`;
}
