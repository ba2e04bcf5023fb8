/** The service's documented non-browser flow, one step per function (see the README). */

import type { HttpClient, HttpResponse } from './http.js';

export const SECURITY_CHECK_PATH = '/web/cas_security_check.htm';
export const LOGIN_CHECK_PATH = '/web/v1/access/login_check';
export const MODIFY_PATH = '/web/v1/access/modify_self_password';

/** The service URL the login redirects to with a ticket: this server's security check. */
export function serviceUrl(client: HttpClient): string {
  return new URL(SECURITY_CHECK_PATH, client.base).href;
}

function loginPath(client: HttpClient): string {
  return `/cas/login?service=${encodeURIComponent(serviceUrl(client))}`;
}

/** GET /cas/login: a fresh login ticket (and the CAS session cookie). */
export async function fetchLoginTicket(client: HttpClient): Promise<string> {
  const page = await client.get(loginPath(client));
  const lt = /name="lt" value="([^"]+)"/.exec(page.body)?.[1];
  if (page.status !== 200 || lt === undefined) throw unexpected('GET /cas/login', page);
  return lt;
}

/** POST /cas/login: one AS exchange on the server; returns the redirect with the ticket. */
export async function postLogin(
  client: HttpClient,
  lt: string,
  username: string,
  password: string,
): Promise<string> {
  const fields = { username, password, lt, _eventId: 'submit', submit: 'Login' };
  const res = await client.postForm(loginPath(client), fields);
  const location = res.headers.location;
  if (res.status !== 302 || location === undefined) throw unexpected('POST /cas/login', res);
  return location;
}

/** GET the security check with the service ticket: creates the web session (JSESSIONID). */
export async function redeemTicket(client: HttpClient, location: string): Promise<void> {
  const url = new URL(location, client.base);
  const res = await client.get(url.pathname + url.search);
  if (res.status !== 302) throw unexpected('GET security check', res);
}

/** The whole login: form, credentials, service ticket; leaves a live web session. */
export async function logIn(client: HttpClient, username: string, password: string): Promise<void> {
  const lt = await fetchLoginTicket(client);
  await redeemTicket(client, await postLogin(client, lt, username, password));
  const check = await client.get(LOGIN_CHECK_PATH);
  if (check.status !== 200) throw unexpected('login_check', check);
}

/** modify_self_password with a JSON body; throws unless the service answers success. */
export async function changePassword(client: HttpClient, from: string, to: string): Promise<void> {
  const res = await client.postJson(MODIFY_PATH, {
    old_password: from,
    new_password: to,
    confirm_password: to,
  });
  const body = JSON.parse(res.body) as { int_result_code?: number; confirmed?: boolean };
  if (res.status !== 200 || body.int_result_code !== 0)
    throw unexpected('modify_self_password', res);
  if (body.confirmed !== true) throw new Error('modify_self_password: change not confirmed');
}

/** An error naming the step and the status, with the body's result code if any (never secrets). */
function unexpected(step: string, res: HttpResponse): Error {
  const code = /"int_result_code":\s*(\d+)|data-result-code="(\d+)"/.exec(res.body);
  return new Error(`${step}: HTTP ${res.status}, result ${code?.[1] ?? code?.[2] ?? 'none'}`);
}
