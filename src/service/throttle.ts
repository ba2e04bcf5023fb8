/**
 * Throttling of password guesses, below the KDC's own lockout: per user, wrong passwords
 * (at login and as the old password of a change); per client address, failed logins. A
 * throttled request never reaches the KDC. An attempt is reserved before the KDC is asked
 * and settled by what the KDC answered: a wrong password keeps it, a proved password clears
 * the user's count, anything else (the KDC unreachable, a KDC error) releases it.
 */

import type { FastifyRequest } from 'fastify';

import type { ServiceContext } from './context.js';
import { ServiceError } from './errors.js';

const SECOND = 1000;

/** What the KDC's answer means for the counts. */
export type AttemptVerdict = 'wrong_password' | 'proved' | 'not_counted';

/** Reserved attempts, to be settled once the KDC has answered. */
export interface Attempts {
  settle(verdict: AttemptVerdict): Promise<void>;
}

/** A throttled request: how long to wait. */
export interface Throttled {
  readonly retryAfterSeconds: number;
}

/** The key of a user's count: case-folded, since some KDCs (AD) ignore the case of names. */
export function userKey(user: string, realm: string): string {
  return `user:${user.toLowerCase()}@${realm.toUpperCase()}`;
}

/** Reserve a login attempt for the client address and the user, or say it is throttled. */
export async function reserveLogin(
  ctx: ServiceContext,
  request: FastifyRequest,
  user: string,
  realm: string,
): Promise<Attempts | Throttled> {
  const config = ctx.config;
  const address = `addr:${request.ip}`;
  const byAddress = await ctx.store.reserveAttempt(
    address,
    config.throttleAddressFailures,
    config.throttleAddressWindowSeconds * SECOND,
  );
  if (!byAddress.ok) return throttled(byAddress.retryAfterMs);

  const key = userKey(user, realm);
  const byUser = await ctx.store.reserveAttempt(
    key,
    config.throttleUserFailures,
    config.throttleUserWindowSeconds * SECOND,
  );
  if (!byUser.ok) {
    await ctx.store.releaseAttempt(address, byAddress.id);
    return throttled(byUser.retryAfterMs);
  }

  return {
    settle: async (verdict) => {
      if (verdict !== 'wrong_password') await ctx.store.releaseAttempt(address, byAddress.id);
      await settleUser(ctx, key, byUser.id, verdict);
    },
  };
}

/** Reserve an old-password attempt for the user of a password change. */
export async function reserveChange(
  ctx: ServiceContext,
  user: string,
  realm: string,
): Promise<Attempts | Throttled> {
  const key = userKey(user, realm);
  const byUser = await ctx.store.reserveAttempt(
    key,
    ctx.config.throttleUserFailures,
    ctx.config.throttleUserWindowSeconds * SECOND,
  );
  if (!byUser.ok) return throttled(byUser.retryAfterMs);
  return { settle: (verdict) => settleUser(ctx, key, byUser.id, verdict) };
}

/** The ServiceError for a throttled request (the error handler adds Retry-After). */
export function throttledError(wait: Throttled): ServiceError {
  return new ServiceError('throttled', undefined, { retry_after: wait.retryAfterSeconds });
}

export function isThrottled(value: Attempts | Throttled): value is Throttled {
  return 'retryAfterSeconds' in value;
}

async function settleUser(
  ctx: ServiceContext,
  key: string,
  id: string,
  verdict: AttemptVerdict,
): Promise<void> {
  if (verdict === 'proved') await ctx.store.clearAttempts(key);
  else if (verdict === 'not_counted') await ctx.store.releaseAttempt(key, id);
}

function throttled(retryAfterMs: number): Throttled {
  return { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / SECOND)) };
}
