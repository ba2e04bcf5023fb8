/**
 * One place that maps every failure to a result code: ServiceErrors thrown by routes and
 * parsers, Fastify's own body and URL errors, unknown paths, and anything unexpected
 * (`internal_error`, never a stack trace to the client). /cas paths answer with a page,
 * everything else with the JSON result shape.
 */

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { ServiceError } from './errors.js';
import { renderMessagePage } from './html/message-page.js';
import { safeError, safeRequest } from './logging.js';
import { noticeOf, sendHtml, sendResult } from './reply.js';
import { pathOf } from './request/query.js';
import { RESULT_CODES, type ResultName } from './result-codes.js';
import { StoreUnavailableError } from './store/store-errors.js';

/** Fastify error codes and the result they stand for. */
const FASTIFY_CODES: Readonly<Record<string, ResultName>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_body',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_body',
  FST_ERR_BAD_URL: 'bad_encoding',
  FST_ERR_MAX_PARAM_LENGTH: 'bad_request',
};

/** Install the error and not-found handlers. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => answerError(error, request, reply));
  app.setNotFoundHandler((request, reply) => {
    request.log.info({ request: safeRequest(request) }, 'route not found');
    return answer(request, reply, new ServiceError('not_found'));
  });
}

/** For Fastify's `frameworkErrors` option (malformed URLs and the like). */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  void answerError(error, request, reply);
}

function answerError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const serviceError = toServiceError(error);
  const fields = { request: safeRequest(request), reason: serviceError.reason };
  if (serviceError.statusCode >= 500) {
    request.log.error({ ...fields, error: safeError(error) }, 'request failed');
  } else {
    request.log.info(fields, 'request refused');
  }
  return answer(request, reply, serviceError);
}

function toServiceError(error: unknown): ServiceError {
  if (error instanceof ServiceError) return error;
  if (error instanceof StoreUnavailableError) return new ServiceError('store_unavailable');
  const code = (error as { code?: unknown } | null)?.code;
  const mapped = typeof code === 'string' ? FASTIFY_CODES[code] : undefined;
  if (mapped) return new ServiceError(mapped);
  const status = Number((error as { statusCode?: unknown } | null)?.statusCode);
  if (status >= 400 && status < 500) return new ServiceError('bad_request');
  return new ServiceError('internal_error');
}

function answer(request: FastifyRequest, reply: FastifyReply, error: ServiceError): FastifyReply {
  const retryAfter = error.extra['retry_after'];
  if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
  if (!pathOf(request.url).startsWith('/cas')) {
    return sendResult(reply, error.reason, error.message, error.extra);
  }
  const page = renderMessagePage({
    title: 'Request refused',
    notice: noticeOf(error.reason, error.message),
    link: { href: '/cas/login', text: 'Log in' },
  });
  return sendHtml(reply, RESULT_CODES[error.reason].status, page);
}
