/**
 * Comparing secrets without leaking, through timing, where they first differ.
 */

import { createHash, timingSafeEqual } from 'node:crypto';

/** True when two secrets are equal; the time taken does not depend on their contents. */
export function sameSecret(a: string, b: string): boolean {
  // Hashing first gives equal-length inputs, as timingSafeEqual requires.
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db);
}
