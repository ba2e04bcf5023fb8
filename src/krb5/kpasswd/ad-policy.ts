/**
 * Active Directory's password-policy blob. Instead of text, AD sends in the result string a
 * 30-byte big-endian structure: u16 0, u32 minimum length, u32 history length, u32 password
 * properties, u64 maximum age, u64 minimum age (ages in 100 ns units). The layout and the
 * zero prefix (which makes it read as an empty string to a UTF-8 client) are as MIT's client
 * decodes them in krb5_chpw_message (src/lib/krb5/krb/chpw.c).
 */
import type { PolicyReason } from './policy-reason.js';
import { joinAnd, plural } from './reason-text.js';

export const AD_POLICY_LENGTH = 30;

/** DOMAIN_PASSWORD_COMPLEX in the password-properties word. */
export const AD_POLICY_COMPLEX = 0x1;

/** Complexity in AD means three of the four classes upper, lower, digit, symbol. */
const AD_COMPLEX_MIN_CLASSES = 3;

const TICKS_PER_SECOND = 10_000_000n;
const INT64_MIN = -(1n << 63n);

export interface AdPolicy {
  minLength: number;
  history: number;
  complexity: boolean;
  /** The whole password-properties word (DOMAIN_PASSWORD_* bits). */
  flags: number;
  maxAgeSeconds?: number;
  minAgeSeconds?: number;
}

/** Decode the blob; undefined when `bytes` is not one (wrong length or no zero prefix). */
export function decodeAdPolicy(bytes: Uint8Array): AdPolicy | undefined {
  if (bytes.length !== AD_POLICY_LENGTH) return undefined;

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(0) !== 0) return undefined;

  const flags = view.getUint32(10);
  const policy: AdPolicy = {
    minLength: view.getUint32(2),
    history: view.getUint32(6),
    complexity: (flags & AD_POLICY_COMPLEX) !== 0,
    flags,
  };
  const maxAge = ageSeconds(view.getBigInt64(14));
  const minAge = ageSeconds(view.getBigInt64(22));
  if (maxAge !== undefined) policy.maxAgeSeconds = maxAge;
  if (minAge !== undefined) policy.minAgeSeconds = minAge;
  return policy;
}

/**
 * AD keeps ages as negative intervals but may send them as positive counts (MIT reads them
 * as unsigned): either sign means the same length. 0 means no limit, and so does the most
 * negative value, which AD uses for "never".
 */
function ageSeconds(ticks: bigint): number | undefined {
  if (ticks === 0n || ticks === INT64_MIN) return undefined;
  const magnitude = ticks < 0n ? -ticks : ticks;
  return Number(magnitude / TICKS_PER_SECOND);
}

/**
 * Every rule the policy imposes. AD does not say which one the password broke, so all of
 * them are candidates.
 */
export function adPolicyReasons(policy: AdPolicy): PolicyReason[] {
  const reasons: PolicyReason[] = [];
  if (policy.minLength > 0) reasons.push({ kind: 'too_short', minLength: policy.minLength });
  if (policy.complexity) {
    reasons.push({ kind: 'too_few_classes', minClasses: AD_COMPLEX_MIN_CLASSES });
  }
  if (policy.history > 0) reasons.push({ kind: 'reused', history: policy.history });
  if (policy.minAgeSeconds !== undefined) reasons.push({ kind: 'too_soon' });
  return reasons;
}

/** One sentence listing the policy's rules, as MIT's client does for the same blob. */
export function describeAdPolicy(policy: AdPolicy): string {
  const opening = "The new password does not meet the domain's password policy";
  const clauses: string[] = [];

  const musts = passwordRules(policy);
  if (musts.length > 0) clauses.push(`it must ${joinAnd(musts)}`);
  if (policy.minAgeSeconds !== undefined) {
    clauses.push(`the password can be changed only ${changeFrequency(policy.minAgeSeconds)}`);
  }

  return clauses.length === 0 ? `${opening}.` : `${opening}: ${clauses.join(', and ')}.`;
}

function passwordRules(policy: AdPolicy): string[] {
  const rules: string[] = [];
  if (policy.minLength > 0) rules.push(`be at least ${plural(policy.minLength, 'character')} long`);
  if (policy.complexity) {
    rules.push(
      'mix at least three kinds of characters (upper-case letters, lower-case letters, ' +
        'digits, symbols) without containing the account name',
    );
  }
  if (policy.history === 1) rules.push('differ from the previous password');
  if (policy.history > 1) rules.push(`differ from the previous ${policy.history} passwords`);
  return rules;
}

/** Whole days as MIT counts them (at least one); under a day, whole hours (at least one). */
function changeFrequency(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  if (days === 1) return 'once a day';
  if (days > 1) return `once every ${days} days`;

  const hours = Math.max(1, Math.ceil(seconds / 3_600));
  return hours === 1 ? 'once an hour' : `once every ${hours} hours`;
}
