/**
 * Interpretation of a kpasswd reply's result code and result string (RFC 3244 section 2):
 * a code name, the server's text made safe, the policy reasons it states and one English
 * sentence for a person.
 */
import { adPolicyReasons, decodeAdPolicy, describeAdPolicy, type AdPolicy } from './ad-policy.js';
import type { PolicyReason } from './policy-reason.js';
import { recognisePolicyText, type RecognisedText } from './policy-text.js';
import { describeReason } from './reason-text.js';
import { safeServerText } from './safe-text.js';

export type { AdPolicy } from './ad-policy.js';
export type { PolicyReason } from './policy-reason.js';
export { describeReason } from './reason-text.js';

/** Result codes of RFC 3244 section 2 (names as in MIT's krb5.h). */
export const KPASSWD_RESULT = {
  SUCCESS: 0,
  MALFORMED: 1,
  HARDERROR: 2,
  AUTHERROR: 3,
  SOFTERROR: 4,
  ACCESSDENIED: 5,
  BAD_VERSION: 6,
  INITIAL_FLAG_NEEDED: 7,
} as const;

export interface KpasswdResult {
  /** The result code as received; 0-7 are defined, others are named UNKNOWN. */
  code: number;
  /** KRB5_KPASSWD_SUCCESS style name, or UNKNOWN. */
  codeName: string;
  /** The server's text, cleaned (see safe-text.ts); '' for an AD policy blob. */
  text: string;
  /** Parsed refusal reasons: [] for success or non-policy errors, [{kind:'other'}] if unknown. */
  reasons: PolicyReason[];
  /** One English sentence for a person. */
  description: string;
  /** Present when the result string is Active Directory's policy blob. */
  adPolicy?: AdPolicy;
}

const CODE_NAMES: readonly string[] = [
  'KRB5_KPASSWD_SUCCESS',
  'KRB5_KPASSWD_MALFORMED',
  'KRB5_KPASSWD_HARDERROR',
  'KRB5_KPASSWD_AUTHERROR',
  'KRB5_KPASSWD_SOFTERROR',
  'KRB5_KPASSWD_ACCESSDENIED',
  'KRB5_KPASSWD_BAD_VERSION',
  'KRB5_KPASSWD_INITIAL_FLAG_NEEDED',
];

const CODE_SENTENCES: readonly string[] = [
  'The password was changed.',
  'The password server could not understand the request (malformed request).',
  'The password server could not change the password because of an error on the server.',
  'The password server could not authenticate the request.',
  'The new password does not meet the password policy.',
  'The password server does not allow this account to change this password.',
  'The password server does not support this version of the password-change protocol.',
  'The ticket was not obtained with the password (initial flag needed).',
];

/** The RFC 3244 name of a result code, or UNKNOWN. */
export function kpasswdCodeName(code: number): string {
  return CODE_NAMES[code] ?? 'UNKNOWN';
}

/**
 * Interpret a kpasswd result. Never throws: every code and every byte string gives a result.
 *
 * @example parseKpasswdResult(4, utf8("New password is too short.\nPlease choose a password
 *   which is at least 12 characters long.")).reasons // [{ kind: 'too_short', minLength: 12 }]
 */
export function parseKpasswdResult(resultCode: number, resultString: Uint8Array): KpasswdResult {
  const adPolicy = decodeAdPolicy(resultString);
  if (adPolicy !== undefined) return fromAdPolicy(resultCode, adPolicy);
  return fromText(resultCode, resultString);
}

function fromText(code: number, bytes: Uint8Array): KpasswdResult {
  const safe = safeServerText(bytes);

  const recognised = safe.valid && mayBePolicy(code) ? recognisePolicyText(safe.full) : undefined;
  const reasons = textReasons(code, recognised);

  const [first] = reasons;
  const description =
    first === undefined ? codeSentence(code) : (recognised?.sentence ?? describeReason(first));
  return { code, codeName: kpasswdCodeName(code), text: safe.text, reasons, description };
}

function textReasons(code: number, recognised: RecognisedText | undefined): PolicyReason[] {
  if (recognised !== undefined) return [recognised.reason];
  return code === KPASSWD_RESULT.SOFTERROR ? [{ kind: 'other' }] : [];
}

function fromAdPolicy(code: number, adPolicy: AdPolicy): KpasswdResult {
  const codeName = kpasswdCodeName(code);
  if (!mayBePolicy(code)) {
    return { code, codeName, text: '', reasons: [], description: codeSentence(code), adPolicy };
  }

  const rules = adPolicyReasons(adPolicy);
  const reasons: PolicyReason[] = rules.length > 0 ? rules : [{ kind: 'other' }];
  return { code, codeName, text: '', reasons, description: describeAdPolicy(adPolicy), adPolicy };
}

/**
 * SOFTERROR is the policy refusal; older MIT kadmind versions sent the same texts with
 * HARDERROR (their schpw.c mapped KADM5_PASS_Q_* to it), so a HARDERROR whose text is a
 * known refusal counts too.
 */
function mayBePolicy(code: number): boolean {
  return code === KPASSWD_RESULT.SOFTERROR || code === KPASSWD_RESULT.HARDERROR;
}

function codeSentence(code: number): string {
  return (
    CODE_SENTENCES[code] ?? `The password server answered with an unknown result code (${code}).`
  );
}
