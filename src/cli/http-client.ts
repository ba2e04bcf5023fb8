/**
 * HTTP for the client commands, on node:http and node:https: redirects are never followed
 * (the caller reads Location and cookies itself), certificates are always verified (`ca` adds
 * a private CA to Node's bundled roots; there is no way to turn verification off), and every
 * exchange is bounded in time and size. Failures become {@link ClientError}s that say what
 * to check.
 */

import {
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
  type OutgoingHttpHeaders,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';

import { ClientError } from './client-error.js';
import { describeNetworkError } from './network-errors.js';

export interface HttpClientOptions {
  /** The server's origin (scheme, host, port); only http: and https: are accepted. */
  readonly origin: URL;
  /** Extra trusted CA certificates (PEM), on top of Node's bundled roots. */
  readonly ca?: string;
  /** How long the server may stay silent during one exchange (default 60 s). */
  readonly timeoutMs?: number;
}

export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  /** Path and query, e.g. `/cas/login?service=...`. */
  readonly path: string;
  /** Cookies to send, name to value. */
  readonly cookies?: ReadonlyMap<string, string>;
  readonly body?: { readonly type: string; readonly text: string };
}

export interface HttpReply {
  readonly status: number;
  /** The media type in lower case, without parameters ('' when absent). */
  readonly mediaType: string;
  readonly location: string | undefined;
  /** The cookies the reply sets, name to value ('' when it clears one). */
  readonly cookies: ReadonlyMap<string, string>;
  readonly body: string;
}

/** Replies of this service are small; anything larger is not one of its replies. */
const MAX_REPLY_BYTES = 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * A client for one server. Each exchange has its own connection: the user may type for
 * minutes between two of them, and a kept-alive connection could be closed by the server
 * just as it is reused.
 */
export class HttpClient {
  /** e.g. https://kerbside.example:28443 */
  readonly origin: string;
  readonly #send: typeof httpRequest;
  readonly #agent: HttpAgent;
  readonly #timeoutMs: number;

  constructor(options: HttpClientOptions) {
    this.origin = options.origin.origin;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (options.origin.protocol === 'https:') {
      this.#send = httpsRequest;
      this.#agent = new HttpsAgent({
        // Explicit, so that NODE_TLS_REJECT_UNAUTHORIZED=0 in the environment cannot turn it off.
        rejectUnauthorized: true,
        ...(options.ca !== undefined && { ca: [...rootCertificates, options.ca] }),
      });
    } else {
      this.#send = httpRequest;
      this.#agent = new HttpAgent();
    }
  }

  /** One exchange; resolves with any HTTP status, rejects only when there is no reply. */
  request(request: HttpRequest): Promise<HttpReply> {
    const url = new URL(request.path, this.origin);
    return new Promise((resolve, reject) => {
      const outgoing = this.#send(
        url,
        {
          method: request.method,
          headers: headersOf(request),
          agent: this.#agent,
          timeout: this.#timeoutMs,
        },
        (response) => readReply(response).then(resolve, reject),
      );
      outgoing.on('timeout', () => {
        const seconds = Math.round(this.#timeoutMs / 1000);
        outgoing.destroy(
          new ClientError('ERR_TIMEOUT', `${this.origin} did not answer within ${seconds} s`),
        );
      });
      outgoing.on('error', (err) => reject(describeNetworkError(err, url)));
      outgoing.end(request.body?.text);
    });
  }

  /** Closes any connection still open. */
  close(): void {
    this.#agent.destroy();
  }
}

function headersOf(request: HttpRequest): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {
    accept: 'application/json, text/html;q=0.9',
    'user-agent': 'kerbside-cli',
  };
  if (request.cookies !== undefined && request.cookies.size > 0) {
    headers['cookie'] = [...request.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  if (request.body !== undefined) {
    headers['content-type'] = request.body.type;
    headers['content-length'] = Buffer.byteLength(request.body.text, 'utf8');
  } else if (request.method === 'POST') {
    // Without it Node would send an empty chunked body, which the server reads as one of
    // no content type.
    headers['content-length'] = 0;
  }
  return headers;
}

function readReply(response: IncomingMessage): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REPLY_BYTES) {
        response.destroy();
        reject(new ClientError('ERR_PROTOCOL', 'the reply is larger than any kerbside reply'));
        return;
      }
      chunks.push(chunk);
    });
    response.on('error', (err) => reject(describeNetworkError(err, undefined)));
    response.on('end', () => resolve(replyOf(response, Buffer.concat(chunks).toString('utf8'))));
    response.on('close', () => {
      if (!response.complete) reject(new ClientError('ERR_PROTOCOL', 'the reply was cut off'));
    });
  });
}

function replyOf(response: IncomingMessage, body: string): HttpReply {
  const contentType = response.headers['content-type'] ?? '';
  return {
    status: response.statusCode ?? 0,
    mediaType: (contentType.split(';')[0] ?? '').trim().toLowerCase(),
    location: response.headers.location,
    cookies: cookiesOf(response.headers['set-cookie'] ?? []),
    body,
  };
}

/** Name and value of each Set-Cookie (RFC 6265 section 5.2); attributes are not needed. */
function cookiesOf(setCookies: readonly string[]): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const header of setCookies) {
    const pair = header.split(';', 1)[0] ?? '';
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired =
      /;\s*max-age\s*=\s*0\b/i.test(header) || /;\s*expires=thu, 01 jan 1970/i.test(header);
    cookies.set(name, expired ? '' : value);
  }
  return cookies;
}
