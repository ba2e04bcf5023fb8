/**
 * KerberosTime ::= GeneralizedTime with no fractional seconds, always in UTC:
 * exactly `YYYYMMDDHHMMSSZ` (RFC 4120 section 5.2.3).
 */

import type { DerReader } from './reader.js';
import { GENERALIZED_TIME } from './tags.js';
import { encodeTlv } from './writer.js';

const TIME_LENGTH = 15;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const LETTER_Z = 0x5a;

/** Reads a KerberosTime as a Date in UTC (whole seconds). */
export function readKerberosTime(r: DerReader): Date {
  const { content, offset } = r.primitive(GENERALIZED_TIME);
  if (content.length !== TIME_LENGTH || content[TIME_LENGTH - 1] !== LETTER_Z) {
    r.fail('KerberosTime must be YYYYMMDDHHMMSSZ', offset);
  }
  for (let i = 0; i < TIME_LENGTH - 1; i++) {
    const octet = content[i] as number;
    if (octet < DIGIT_0 || octet > DIGIT_9) r.fail('KerberosTime must be YYYYMMDDHHMMSSZ', offset);
  }

  const field = (at: number, width: number): number => {
    let value = 0;
    for (let i = at; i < at + width; i++) value = value * 10 + ((content[i] as number) - DIGIT_0);
    return value;
  };
  const year = field(0, 4);
  const month = field(4, 2);
  const day = field(6, 2);
  const hour = field(8, 2);
  const minute = field(10, 2);
  const second = field(12, 2);
  const valid =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59;
  if (!valid) r.fail('KerberosTime is not a valid date and time', offset);

  return utcDate(year, month, day, hour, minute, second);
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return utcDate(year, month + 1, 0, 0, 0, 0).getUTCDate();
}

/** A UTC date that also handles years below 100 (which Date.UTC maps to 19xx). */
function utcDate(y: number, mo: number, d: number, h: number, mi: number, s: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  return date;
}

/**
 * A KerberosTime for `value`, dropping milliseconds (RFC 4120 5.2.3 has no fractions).
 * Throws RangeError for an invalid Date or a year outside 0000..9999.
 */
export function encodeKerberosTime(value: Date): Uint8Array {
  const ms = value.getTime();
  if (Number.isNaN(ms)) throw new RangeError('KerberosTime: invalid Date');
  const t = new Date(Math.floor(ms / 1000) * 1000);
  const year = t.getUTCFullYear();
  if (year < 0 || year > 9999) throw new RangeError(`KerberosTime: year ${year} out of range`);

  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  const text =
    pad(year, 4) +
    pad(t.getUTCMonth() + 1, 2) +
    pad(t.getUTCDate(), 2) +
    pad(t.getUTCHours(), 2) +
    pad(t.getUTCMinutes(), 2) +
    pad(t.getUTCSeconds(), 2) +
    'Z';
  return encodeTlv(GENERALIZED_TIME, new TextEncoder().encode(text));
}
