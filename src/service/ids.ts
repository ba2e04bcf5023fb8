/**
 * Session ids and tickets: 256 random bits from the system CSPRNG, base64url, with the CAS
 * prefix that says what they are (`LT-`, `ST-`, `TGT-`).
 */

import { randomBytes } from 'node:crypto';

const ID_BYTES = 32;

/** A fresh unguessable id, optionally prefixed (`newId('ST')` gives `ST-...`). */
export function newId(prefix?: string): string {
  const random = randomBytes(ID_BYTES).toString('base64url');
  return prefix === undefined ? random : `${prefix}-${random}`;
}

/** True for a string shaped like an id from {@link newId} with this prefix. */
export function looksLikeId(value: string, prefix?: string): boolean {
  const body = prefix === undefined ? value : value.slice(prefix.length + 1);
  if (prefix !== undefined && !value.startsWith(`${prefix}-`)) return false;
  return /^[A-Za-z0-9_-]{43}$/.test(body);
}
