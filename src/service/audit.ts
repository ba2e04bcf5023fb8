/**
 * Audit lines: who did what with which outcome. They name the user and the kind of
 * failure, never a password, ticket, cookie or session id.
 */

import type { FastifyRequest } from 'fastify';

export type AuditEvent =
  | {
      readonly event: 'login';
      readonly user: string;
      readonly realm: string;
      readonly outcome: 'success' | 'failure';
      readonly kind?: string;
      readonly mustChange?: boolean;
    }
  | {
      readonly event: 'password_change';
      readonly principal: string;
      readonly outcome: 'success' | 'failure' | 'refused';
      readonly kind?: string;
      readonly rules?: readonly string[];
      readonly endedSessions?: number;
    }
  | {
      readonly event: 'session_start';
      readonly principal: string;
      readonly via: 'service_ticket' | 'tgc';
    }
  | {
      readonly event: 'logout';
      readonly principal: string;
      readonly scope: 'web' | 'sso';
      readonly cause: 'manual' | 'timeout';
    };

/** Log one audit event on the request's logger. */
export function audit(request: FastifyRequest, entry: AuditEvent): void {
  request.log.info({ audit: true, ...entry }, entry.event);
}
