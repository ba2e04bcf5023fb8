/**
 * The documented non-browser flow over a real socket with fetch: what a script using the
 * API would do.
 */

import assert from 'node:assert/strict';

export class HttpClient {
  readonly base: string;
  readonly jar = new Map<string, string>();

  constructor(base: string) {
    this.base = base;
  }

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.jar.size > 0 && !headers.has('cookie')) {
      headers.set('cookie', [...this.jar].map(([k, v]) => `${k}=${v}`).join('; '));
    }
    const response = await fetch(`${this.base}${path}`, { ...init, headers, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const eq = pair.indexOf('=');
      const value = pair.slice(eq + 1);
      if (value === '' || /max-age=0/i.test(cookie)) this.jar.delete(pair.slice(0, eq));
      else this.jar.set(pair.slice(0, eq), value);
    }
    return response;
  }

  /** GET /cas/login, POST /cas/login with the service URL, GET login_check. */
  async logIn(username: string, password: string): Promise<Record<string, unknown>> {
    const page = await (await this.fetch('/cas/login')).text();
    const lt = /name="lt" value="([^"]+)"/.exec(page)?.[1];
    assert.ok(lt, 'the login page has a login ticket');
    const service = encodeURIComponent(`${this.base}/web/cas_security_check.htm`);
    const login = await this.fetch(`/cas/login?service=${service}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username, password, lt, _eventId: 'submit', submit: 'Login' }),
    });
    assert.equal(login.status, 302, await login.text());
    assert.ok(this.jar.has('CASTGC'));
    const check = await this.fetch('/web/v1/access/login_check');
    assert.equal(check.status, 200);
    return (await check.json()) as Record<string, unknown>;
  }
}
