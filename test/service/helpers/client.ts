/**
 * A non-browser client of the service, through app.inject(): it keeps cookies like a script
 * would (every cookie sent everywhere, as the documented flow does) and knows the
 * documented login flow.
 */

import assert from 'node:assert/strict';

import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export type Encoding = 'query' | 'json' | 'form';

export interface PasswordChange {
  readonly old_password: string;
  readonly new_password: string;
  readonly confirm_password: string;
}

export interface RequestOptions {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD';
  readonly url: string;
  readonly headers?: Record<string, string>;
  readonly payload?: string | Buffer;
  /** The client's address as the server sees it (default 127.0.0.1). */
  readonly remoteAddress?: string;
}

export class Client {
  readonly app: FastifyInstance;
  readonly jar: Map<string, string>;

  /** Pass another client's jar to speak to a second app with the same cookies. */
  constructor(app: FastifyInstance, jar = new Map<string, string>()) {
    this.app = app;
    this.jar = jar;
  }

  async request(options: RequestOptions): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.jar.size > 0 && headers['cookie'] === undefined)
      headers['cookie'] = this.cookieHeader();
    const response = await this.app.inject({
      method: options.method,
      url: options.url,
      headers,
      ...(options.payload === undefined ? {} : { payload: options.payload }),
      ...(options.remoteAddress === undefined ? {} : { remoteAddress: options.remoteAddress }),
    });
    this.#absorb(response);
    return response;
  }

  cookieHeader(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** GET /cas/login: the form's login ticket (the CAS session cookie lands in the jar). */
  async loginTicket(query = ''): Promise<string> {
    const response = await this.request({ method: 'GET', url: `/cas/login${query}` });
    assert.equal(response.statusCode, 200, response.body);
    return ltOf(response.body);
  }

  /** POST /cas/login with the documented form fields. */
  async postLogin(
    username: string,
    password: string,
    lt: string,
    service = '/web/cas_security_check.htm',
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const payload = new URLSearchParams({
      username,
      password,
      lt,
      _eventId: 'submit',
      submit: 'Login',
    }).toString();
    return this.request({
      method: 'POST',
      url: `/cas/login?service=${encodeURIComponent(service)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload,
    });
  }

  /**
   * The documented non-browser flow: GET /cas/login, POST /cas/login with the service URL,
   * then login_check with the CASTGC cookie. Answers login_check's JSON.
   */
  async logIn(username: string, password: string): Promise<Record<string, unknown>> {
    const lt = await this.loginTicket();
    const login = await this.postLogin(username, password, lt);
    assert.equal(login.statusCode, 302, login.body);
    assert.ok(this.jar.has('CASTGC'), 'CASTGC set');
    return this.loginCheck();
  }

  async loginCheck(): Promise<Record<string, unknown>> {
    const response = await this.request({ method: 'GET', url: '/web/v1/access/login_check' });
    assert.equal(response.statusCode, 200, response.body);
    return response.json();
  }

  /** POST modify_self_password with the fields in the query, a JSON body or a form body. */
  async changePassword(
    fields: PasswordChange,
    encoding: Encoding,
  ): Promise<LightMyRequestResponse> {
    const path = '/web/v1/access/modify_self_password';
    const form = new URLSearchParams({ ...fields }).toString();
    if (encoding === 'query') {
      // As the API document's example: Content-Type JSON, fields in the query, no body.
      return this.request({
        method: 'POST',
        url: `${path}?${form}`,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
      });
    }
    if (encoding === 'json') {
      return this.request({
        method: 'POST',
        url: path,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(fields),
      });
    }
    return this.request({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form,
    });
  }

  #storeCookie(header: string): void {
    const [pair] = header.split(';');
    const eq = (pair ?? '').indexOf('=');
    const name = (pair ?? '').slice(0, eq).trim();
    const value = (pair ?? '').slice(eq + 1).trim();
    const expired = /max-age=0|expires=thu, 01 jan 1970/i.test(header);
    if (expired || value === '') this.jar.delete(name);
    else this.jar.set(name, value);
  }

  #absorb(response: LightMyRequestResponse): void {
    const raw = response.headers['set-cookie'];
    const headers = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    for (const header of headers) this.#storeCookie(String(header));
  }
}

/** The login ticket in a login page. */
export function ltOf(html: string): string {
  const match = /name="lt" value="([^"]+)"/.exec(html);
  assert.ok(match, 'the page has a login ticket');
  return match[1] as string;
}

/** The result code a page carries in data-result-code, if any. */
export function pageCodeOf(html: string): number | undefined {
  const match = /data-result-code="(\d+)"/.exec(html);
  return match ? Number(match[1]) : undefined;
}

/** The Set-Cookie headers of a response as an array. */
export function setCookiesOf(response: LightMyRequestResponse): string[] {
  const raw = response.headers['set-cookie'];
  return raw === undefined ? [] : Array.isArray(raw) ? raw.map(String) : [String(raw)];
}
