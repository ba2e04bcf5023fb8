/**
 * The documented calling flow of the access API, as a non-browser client follows it: the
 * login form (the login ticket `lt` and the CAS session cookie), the login (CASTGC from the
 * redirect, which is not followed), the web session (login_check: JSESSIONID and the token),
 * the password change, and the logout. Each step sends only the cookies it needs.
 */

import { TGC_COOKIE, WEB_SESSION_COOKIE } from '../service/cookies.js';
import { SECURITY_CHECK_PATH } from '../service/service-url.js';
import { ClientError } from './client-error.js';
import type { HttpClient, HttpReply } from './http-client.js';
import {
  parsePageNotice,
  parseResultJson,
  unescapeHtml,
  unexpectedReply,
  type ServerResult,
} from './result-reply.js';

const LOGIN_PATH = '/cas/login';
const LOGIN_CHECK_PATH = '/web/v1/access/login_check';
const MODIFY_PATH = '/web/v1/access/modify_self_password';
const LOGOUT_ACTION_PATH = '/web/v1/logout_action?is_timeout_logout=false';
const CAS_LOGOUT_PATH = '/cas/logout';

/** A step's value, or the server's refusal in the API's result shape. */
export type StepOutcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly result: ServerResult };

/** The login form's single-use ticket and the CAS session cookie it is bound to. */
export interface LoginForm {
  readonly lt: string;
  readonly cookies: ReadonlyMap<string, string>;
}

/** A web session from login_check. */
export interface WebSession {
  /** JSESSIONID; replaced when the server rotates the session. */
  readonly cookies: Map<string, string>;
  /** The session's anti-forgery token. */
  readonly token: string;
}

/** The three fields of modify_self_password. */
export interface PasswordChange {
  readonly oldPassword: string;
  readonly newPassword: string;
  readonly confirmPassword: string;
}

/** Step 1: GET /cas/login. */
export async function fetchLoginForm(http: HttpClient): Promise<LoginForm> {
  const reply = await http.request({ method: 'GET', path: LOGIN_PATH });
  const lt = reply.status === 200 ? loginTicketOf(reply.body) : undefined;
  if (lt === undefined || lt === '') throw unexpectedReply(reply, `GET ${LOGIN_PATH}`);

  // Every cookie the page sets (kerbside's is CASSESSION) goes back with the form.
  const cookies = new Map([...reply.cookies].filter(([, value]) => value !== ''));
  return { lt, cookies };
}

/** Step 2: POST /cas/login with the form; resolves to the CASTGC. */
export async function casLogin(
  http: HttpClient,
  form: LoginForm,
  user: string,
  password: string,
): Promise<StepOutcome<string>> {
  const service = `${http.origin}${SECURITY_CHECK_PATH}`;
  const fields = { username: user, password, lt: form.lt, _eventId: 'submit', submit: 'Login' };
  const reply = await http.request({
    method: 'POST',
    path: `${LOGIN_PATH}?service=${encodeURIComponent(service)}`,
    cookies: form.cookies,
    body: {
      type: 'application/x-www-form-urlencoded',
      text: new URLSearchParams(fields).toString(),
    },
  });

  // The redirect carries a service ticket for a browser; this client goes on with the CASTGC.
  const tgc = reply.cookies.get(TGC_COOKIE);
  if (reply.status === 302 && tgc) return { ok: true, value: tgc };
  return { ok: false, result: pageRefusal(reply, `POST ${LOGIN_PATH}`) };
}

/** Step 3: GET login_check with the CASTGC; resolves to the web session. */
export async function loginCheck(http: HttpClient, tgc: string): Promise<StepOutcome<WebSession>> {
  const step = `GET ${LOGIN_CHECK_PATH}`;
  const reply = await http.request({
    method: 'GET',
    path: LOGIN_CHECK_PATH,
    cookies: new Map([[TGC_COOKIE, tgc]]),
  });
  if (reply.status !== 200) return { ok: false, result: parseResultJson(reply, step) };

  const body = jsonObjectOf(reply);
  const session = reply.cookies.get(WEB_SESSION_COOKIE);
  if (body === undefined || typeof body['token'] !== 'string' || !session) {
    throw unexpectedReply(reply, step);
  }
  return {
    ok: true,
    value: {
      cookies: new Map([[WEB_SESSION_COOKIE, session]]),
      token: body['token'],
    },
  };
}

/**
 * Step 4: POST modify_self_password. The passwords go in a JSON body, never in the query
 * string, which proxies and access logs record.
 */
export async function modifySelfPassword(
  http: HttpClient,
  session: WebSession,
  change: PasswordChange,
): Promise<ServerResult> {
  const text = JSON.stringify({
    old_password: change.oldPassword,
    new_password: change.newPassword,
    confirm_password: change.confirmPassword,
  });
  try {
    const reply = await http.request({
      method: 'POST',
      path: MODIFY_PATH,
      cookies: session.cookies,
      body: { type: 'application/json', text },
    });
    const rotated = reply.cookies.get(WEB_SESSION_COOKIE);
    if (rotated) session.cookies.set(WEB_SESSION_COOKIE, rotated);
    return parseResultJson(reply, `POST ${MODIFY_PATH}`);
  } catch (err) {
    throw outcomeUnknown(err);
  }
}

/**
 * Step 5: end the web session and the single sign-on session. Best effort: the sessions
 * expire on the server anyway, so a failure here changes nothing for the user.
 */
export async function logOut(
  http: HttpClient,
  session: WebSession | undefined,
  tgc: string | undefined,
): Promise<void> {
  if (session !== undefined) {
    await ignoreFailure(
      http.request({ method: 'GET', path: LOGOUT_ACTION_PATH, cookies: session.cookies }),
    );
  }
  if (tgc !== undefined) {
    const cookies = new Map([[TGC_COOKIE, tgc]]);
    await ignoreFailure(http.request({ method: 'POST', path: CAS_LOGOUT_PATH, cookies }));
  }
}

/** The value of the first `<input name="lt">` of the login page. */
function loginTicketOf(html: string): string | undefined {
  for (const tag of html.match(/<input\b[^>]*>/gi) ?? []) {
    if (attributeOf(tag, 'name') === 'lt') return attributeOf(tag, 'value');
  }
  return undefined;
}

function attributeOf(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag);
  return match?.[1] === undefined ? undefined : unescapeHtml(match[1]);
}

/** The refusal a /cas page shows; a page without one is not a kerbside reply. */
function pageRefusal(reply: HttpReply, step: string): ServerResult {
  const notice = parsePageNotice(reply);
  if (notice === undefined || notice.body.int_result_code === 0) {
    throw unexpectedReply(reply, step);
  }
  return notice;
}

function jsonObjectOf(reply: HttpReply): Record<string, unknown> | undefined {
  if (reply.mediaType !== 'application/json') return undefined;
  try {
    const value: unknown = JSON.parse(reply.body);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A failure after the change may have reached the server (a TLS failure means it did not). */
function outcomeUnknown(err: unknown): unknown {
  if (!(err instanceof ClientError) || err.code === 'ERR_TLS') return err;
  return new ClientError(
    err.code,
    `${err.message}; the password may or may not have changed: try logging in with the new one`,
    { cause: err },
  );
}

async function ignoreFailure(request: Promise<unknown>): Promise<void> {
  try {
    await request;
  } catch {
    // Logging out is a courtesy to the server; see logOut.
  }
}
