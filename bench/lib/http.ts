/**
 * A minimal HTTP/1.1 client for the benchmarks: one keep-alive connection per client, a
 * cookie jar, no redirect following. Only for 127.0.0.1.
 */

import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';

export interface HttpResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface RequestOptions {
  readonly body?: string;
  readonly contentType?: string;
}

/** One simulated user agent: its own connection and its own cookies. */
export class HttpClient {
  readonly base: URL;
  readonly #agent = new Agent({ keepAlive: true, maxSockets: 1 });
  readonly #cookies = new Map<string, string>();

  constructor(base: string) {
    this.base = new URL(base);
    if (this.base.hostname !== '127.0.0.1') throw new Error('benchmarks talk to 127.0.0.1 only');
  }

  get(path: string): Promise<HttpResponse> {
    return this.send('GET', path);
  }

  /** POSTs a form (application/x-www-form-urlencoded). */
  postForm(path: string, fields: Record<string, string>): Promise<HttpResponse> {
    const body = new URLSearchParams(fields).toString();
    return this.send('POST', path, { body, contentType: 'application/x-www-form-urlencoded' });
  }

  postJson(path: string, value: unknown): Promise<HttpResponse> {
    return this.send('POST', path, {
      body: JSON.stringify(value),
      contentType: 'application/json',
    });
  }

  send(method: string, path: string, options: RequestOptions = {}): Promise<HttpResponse> {
    const headers: Record<string, string> = {};
    if (this.#cookies.size > 0) headers.cookie = this.#cookieHeader();
    if (options.contentType !== undefined) headers['content-type'] = options.contentType;
    if (options.body !== undefined)
      headers['content-length'] = String(Buffer.byteLength(options.body));

    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: this.base.hostname,
          port: this.base.port,
          path,
          method,
          headers,
          agent: this.#agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            this.#keepCookies(res.headers['set-cookie']);
            const body = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
          });
        },
      );
      req.on('error', reject);
      req.end(options.body);
    });
  }

  /** Forgets every cookie, as a fresh browser would start. */
  clearCookies(): void {
    this.#cookies.clear();
  }

  /** Takes over another client's cookies (the same session on another connection). */
  copyCookiesFrom(other: HttpClient): void {
    for (const [name, value] of other.#cookies) this.#cookies.set(name, value);
  }

  /** Closes the kept-alive connection. */
  close(): void {
    this.#agent.destroy();
  }

  #cookieHeader(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** Keeps each cookie's value; an empty value or a past expiry removes it. */
  #keepCookies(setCookie: readonly string[] | undefined): void {
    for (const line of setCookie ?? []) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (value === '' || expired) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }
}
