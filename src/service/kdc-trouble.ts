import type { FastifyRequest } from 'fastify';

/** Outcome kinds that say something is wrong with the KDC or its configuration. */
const TROUBLE = new Set(['kdc_unavailable', 'kdc_error', 'outcome_unknown']);

/**
 * Logs at warn why the KDC could not answer a login or a change, so an operator sees a broken
 * krb5.conf or an unreachable KDC without reading audit records. The detail comes from the
 * Kerberos library: addresses and KDC error names, never a password.
 */
export function logKdcTrouble(
  request: FastifyRequest,
  operation: 'login' | 'password_change',
  outcome: { readonly kind: string; readonly detail: string },
): void {
  if (!TROUBLE.has(outcome.kind)) return;
  request.log.warn(
    { event: 'kdc_trouble', operation, kind: outcome.kind, detail: outcome.detail },
    'the KDC could not complete the request',
  );
}
