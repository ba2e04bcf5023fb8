/**
 * Every `int_result_code` the service answers, defined once. docs/result-codes.md (and the
 * README table copied from it) lists the same rows; test/service/result-codes.test.ts fails
 * when the two disagree.
 *
 * Numbering: 0 success; 1xxx session and login; 2xxx malformed or ambiguous requests;
 * 3xxx the password change itself; 5xxx the server or the KDC.
 */

/** One row of the table. */
export interface ResultCodeInfo {
  readonly code: number;
  /** HTTP status sent with this code. */
  readonly status: number;
  /** The default `result_desc`: what happened. */
  readonly meaning: string;
  /** What the user or client should do about it. */
  readonly action: string;
  /** True for codes defined now but emitted by a feature still to come. */
  readonly reserved?: boolean;
}

/** The table, keyed by the machine-readable name that replies carry as `reason`. */
export const RESULT_CODES = {
  success: {
    code: 0,
    status: 200,
    meaning: 'The operation succeeded.',
    action: 'Nothing.',
  },
  not_logged_in: {
    code: 1001,
    status: 401,
    meaning: 'No valid session: not logged in, logged out, or the session expired.',
    action: 'Log in again (GET /cas/login, POST /cas/login, login_check).',
  },
  password_change_required: {
    code: 1002,
    status: 403,
    meaning: 'The password is expired or must be changed; only a password change is allowed.',
    action: 'Change the password with modify_self_password, then retry.',
  },
  login_failed: {
    code: 1003,
    status: 401,
    meaning: 'The user name or password is wrong, or the account cannot log in.',
    action: 'Check the user name and password; ask an administrator if the account is locked.',
  },
  login_ticket_invalid: {
    code: 1004,
    status: 400,
    meaning: 'The login ticket (lt) is missing, unknown, expired, already used or not yours.',
    action: 'Load GET /cas/login again and submit the new form with its cookie.',
  },
  service_not_allowed: {
    code: 1005,
    status: 403,
    meaning: 'The service URL is not one this server may redirect to with a ticket.',
    action: 'Use the service URL of this server, or ask the administrator to allow yours.',
  },
  service_ticket_invalid: {
    code: 1006,
    status: 401,
    meaning: 'The service ticket is missing, unknown, expired, used, or for another service.',
    action: 'Log in again through /cas/login.',
  },
  forbidden_cross_site: {
    code: 1007,
    status: 403,
    meaning: 'The request came from another site or lacks the anti-forgery token.',
    action:
      "Use this server's own pages; in a browser, send login_check's token in X-Kerbside-Token.",
  },
  throttled: {
    code: 1008,
    status: 429,
    meaning: 'Too many failed attempts in a short time; nothing was sent to the KDC.',
    action: 'Wait the seconds given in Retry-After (and `retry_after`), then retry.',
  },
  missing_field: {
    code: 2001,
    status: 400,
    meaning: 'A mandatory field is missing (see `fields`).',
    action: 'Send old_password, new_password and confirm_password.',
  },
  wrong_type: {
    code: 2002,
    status: 400,
    meaning: 'A field is not a string (see `fields`).',
    action: 'Send every password as a JSON string or a form/query value.',
  },
  too_long: {
    code: 2003,
    status: 400,
    meaning: 'A field is longer than the limit (see `fields` and `max_bytes`).',
    action: 'Use at most 1023 bytes of UTF-8 per password.',
  },
  ambiguous_field: {
    code: 2004,
    status: 400,
    meaning: 'A field is repeated, an array, or the fields come from more than one place.',
    action: 'Send each field once, all in the query string or all in the body.',
  },
  bad_encoding: {
    code: 2005,
    status: 400,
    meaning: 'Invalid percent-encoding, invalid UTF-8, or text that is not valid Unicode.',
    action: 'Percent-encode UTF-8 correctly (use %2B for "+", %25 for "%").',
  },
  malformed_body: {
    code: 2006,
    status: 400,
    meaning: 'The body is not well-formed JSON, or not a JSON object.',
    action: 'Send a JSON object such as {"old_password": "..."}.',
  },
  unsupported_media_type: {
    code: 2007,
    status: 415,
    meaning: 'The Content-Type is not supported.',
    action: 'Use application/json or application/x-www-form-urlencoded.',
  },
  body_too_large: {
    code: 2008,
    status: 413,
    meaning: 'The body is larger than the configured limit.',
    action: 'Send a smaller body.',
  },
  method_not_allowed: {
    code: 2009,
    status: 405,
    meaning: 'This path does not accept this method (see the Allow header).',
    action: 'Use the method listed in the Allow header.',
  },
  not_found: {
    code: 2010,
    status: 404,
    meaning: 'No such path.',
    action: 'Check the URL.',
  },
  bad_request: {
    code: 2011,
    status: 400,
    meaning: 'The request is malformed.',
    action: 'Fix the request.',
  },
  query_too_long: {
    code: 2012,
    status: 414,
    meaning: 'The query string is longer than the configured limit.',
    action: 'Send the fields in a JSON or form body instead.',
  },
  confirm_mismatch: {
    code: 3001,
    status: 422,
    meaning: 'new_password and confirm_password differ.',
    action: 'Type the same new password twice.',
  },
  new_equals_old: {
    code: 3002,
    status: 422,
    meaning: 'The new password is the same as the old one.',
    action: 'Choose a different new password.',
  },
  local_policy: {
    code: 3003,
    status: 422,
    meaning: 'The new password breaks the password rules (see `violations`).',
    action: 'Choose a password that meets every listed rule.',
  },
  wrong_old_password: {
    code: 3004,
    status: 403,
    meaning: 'The old password is wrong.',
    action: 'Retry with the current password; after a few failures you must wait a while.',
  },
  kdc_policy: {
    code: 3005,
    status: 422,
    meaning: 'The Kerberos server refused the new password (see `violations`).',
    action: 'Choose another password that meets the listed rules.',
  },
  account_locked: {
    code: 3006,
    status: 423,
    meaning: 'The account is locked after too many failures.',
    action: 'Wait for the lock to end or ask an administrator to unlock it.',
  },
  access_denied: {
    code: 3007,
    status: 403,
    meaning:
      'The Kerberos server refuses this principal a password change, or it no longer exists.',
    action: 'Ask an administrator.',
  },
  internal_error: {
    code: 5000,
    status: 500,
    meaning: 'An unexpected error in this service.',
    action: 'Retry later; report it to the administrator with the time of the request.',
  },
  kdc_unavailable: {
    code: 5001,
    status: 503,
    meaning: 'No Kerberos server answered; nothing was changed.',
    action: 'Retry later.',
  },
  outcome_unknown: {
    code: 5002,
    status: 502,
    meaning: 'The change was sent but its outcome is unknown; the password may have changed.',
    action: 'Log in with the new password; if that fails, the old one still holds.',
  },
  kdc_error: {
    code: 5003,
    status: 502,
    meaning: 'The Kerberos server answered with an unexpected error.',
    action: 'Retry later; report it to the administrator if it persists.',
  },
  store_unavailable: {
    code: 5004,
    status: 503,
    meaning: 'The shared session store (Redis) did not answer; the request was not completed.',
    action:
      'Retry later. After a password change, log in with ' +
      'the new password first: the change may have been made.',
  },
} as const satisfies Record<string, ResultCodeInfo>;

/** The machine-readable name of a result code. */
export type ResultName = keyof typeof RESULT_CODES;

/** The row for a name (typed as the general shape). */
export function resultInfo(name: ResultName): ResultCodeInfo {
  return RESULT_CODES[name];
}

/** Every row as [name, info], in table order. */
export function resultCodeRows(): Array<[ResultName, ResultCodeInfo]> {
  return (Object.keys(RESULT_CODES) as ResultName[]).map((name) => [name, RESULT_CODES[name]]);
}
