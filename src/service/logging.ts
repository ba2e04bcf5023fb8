/**
 * What the service logs, and what it never logs. Request lines carry the method, the path
 * WITHOUT its query string, the status, the time taken and the request id; never a query
 * string, header, cookie, ticket, body or password. Fastify's own request logging (which
 * logs the full URL) is replaced by {@link SafeLogController}.
 *
 * Lines carry already-sanitised objects under `request`, `response` and `error`, so they
 * stay safe whatever serializers the logger has. The logger built here also makes the usual
 * `req`, `res` and `err` keys safe, in case code passes raw objects under them.
 */

import type { Socket } from 'node:net';

import { LogController, type FastifyBaseLogger, type FastifyReply } from 'fastify';
import type { FastifyRequest } from 'fastify';
import { pino, type DestinationStream, type LevelWithSilent } from 'pino';

import { pathOf } from './request/query.js';

/** The only request fields a log line may hold. */
export interface SafeRequestFields {
  readonly id: string;
  readonly method: string;
  readonly path: string;
}

/** What a log line shows for a path that matched no route: it may hold anything a client typed. */
export const UNKNOWN_PATH = '[no route]';

/**
 * Safe fields of a Fastify or Node request (anything else is dropped). The path is the
 * matched route's, never the raw one: a client may put a password in an unknown path.
 */
export function safeRequest(req: unknown): SafeRequestFields {
  const r = (req ?? {}) as {
    id?: unknown;
    method?: unknown;
    routeOptions?: { url?: unknown };
  };
  const route = r.routeOptions?.url;
  return {
    id: String(r.id ?? ''),
    method: String(r.method ?? ''),
    path: typeof route === 'string' && route.startsWith('/') ? pathOf(route) : UNKNOWN_PATH,
  };
}

/** Type, code and (except for JSON syntax errors, which quote their input) message. */
export function safeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err };
  const out: Record<string, unknown> = { type: err.name };
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') out['code'] = code;
  if (!(err instanceof SyntaxError)) {
    out['message'] = err.message;
    out['stack'] = err.stack;
  }
  return out;
}

/** Paths censored if any code ever passes such a field to the logger by mistake. */
const REDACT = [
  'password',
  'old_password',
  'new_password',
  'confirm_password',
  'ticket',
  'url',
  '*.password',
  '*.old_password',
  '*.new_password',
  '*.confirm_password',
  '*.ticket',
  '*.url',
  '*.headers',
  'headers',
  'cookies',
  '*.cookies',
];

/** The service's pino logger: safe serializers and a redaction net. */
export function createServiceLogger(
  level: LevelWithSilent,
  destination?: DestinationStream,
): FastifyBaseLogger {
  const options = {
    level,
    serializers: { req: safeRequest, err: safeError, res: safeResponse },
    redact: { paths: REDACT, censor: '[redacted]' },
  };
  return (destination ? pino(options, destination) : pino(options)) as FastifyBaseLogger;
}

function safeResponse(res: unknown): { statusCode: number } {
  return { statusCode: Number((res as { statusCode?: unknown })?.statusCode ?? 0) };
}

/** Fastify's per-request log lines, with nothing but safe fields. */
export class SafeLogController extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ request: safeRequest(request) }, 'incoming request');
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const fields = {
      request: safeRequest(request),
      response: { statusCode: reply.statusCode },
      responseTime: reply.elapsedTime,
    };
    if (error) reply.log.error({ ...fields, error: safeError(error) }, 'request errored');
    else reply.log.info(fields, 'request completed');
  }

  override defaultErrorLog(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    const level = reply.statusCode >= 500 ? 'error' : 'info';
    reply.log[level]({ request: safeRequest(request), error: safeError(error) }, 'request failed');
  }

  override routeNotFound(request: FastifyRequest): void {
    request.log.info({ request: safeRequest(request) }, 'route not found');
  }

  override writeHeadError(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    reply.log.warn({ request: safeRequest(request), error: safeError(error) }, 'writeHead failed');
  }

  override streamError(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    reply.log.warn(
      { request: safeRequest(request), error: safeError(error) },
      'response stream error',
    );
  }
}

/**
 * Answer a malformed HTTP message without logging it: Node attaches the raw bytes (request
 * line, query string, cookies) to the error as `rawPacket`, which must not reach a log.
 */
export function safeClientErrorHandler(
  this: { log: FastifyBaseLogger },
  err: NodeJS.ErrnoException,
  socket: Socket,
): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  this.log.debug({ error: { type: err.name, code: err.code } }, 'client error');
  const status =
    err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
  if (socket.writable)
    socket.write(`HTTP/1.1 ${status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
  socket.destroy();
}
