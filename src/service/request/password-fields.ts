/**
 * The three fields of modify_self_password, taken from exactly one place: the query string
 * (as the API document's example sends them), a JSON body, or a form body. Values are used
 * exactly as sent: no trimming, no Unicode normalisation.
 */

import { ServiceError } from '../errors.js';
import type { ParsedBody } from './body-parsers.js';
import type { FieldMap } from './urlencoded.js';

export const PASSWORD_FIELDS = ['old_password', 'new_password', 'confirm_password'] as const;

export type PasswordFieldName = (typeof PASSWORD_FIELDS)[number];

/**
 * The one size limit for every password field, in bytes of UTF-8. MIT's kpasswd and kinit
 * read at most 1023 bytes, so a longer password could never be typed there. Since every
 * UTF-16 code unit takes at least one byte, it also caps the length in characters.
 */
export const MAX_PASSWORD_BYTES = 1023;

export interface PasswordFields {
  readonly oldPassword: string;
  readonly newPassword: string;
  readonly confirmPassword: string;
}

type Source = 'query' | 'json' | 'form';

/** What one place holds for one field: every value, and whether it came as a JSON array. */
interface Occurrence {
  readonly values: readonly unknown[];
  readonly array: boolean;
}

type Place = { readonly source: Source; readonly get: (name: string) => Occurrence };

/**
 * Read and check the fields, in this order: one place only, no repeats, all present, all
 * strings, valid Unicode, within {@link MAX_PASSWORD_BYTES}. Throws ServiceError.
 */
export function readPasswordFields(query: FieldMap, body: ParsedBody | undefined): PasswordFields {
  const places = [fieldPlace('query', query), ...bodyPlaces(body)];
  const used = places.filter((place) => PASSWORD_FIELDS.some((f) => count(place.get(f)) > 0));
  if (used.length > 1) {
    throw new ServiceError('ambiguous_field', 'the fields come from more than one place', {
      fields: PASSWORD_FIELDS.filter((f) => used.some((place) => count(place.get(f)) > 0)),
      sources: used.map((place) => place.source),
    });
  }

  const occurrences = PASSWORD_FIELDS.map((name) => used[0]?.get(name) ?? none());
  const values = checkOccurrences(occurrences);
  return { oldPassword: values[0], newPassword: values[1], confirmPassword: values[2] };
}

function checkOccurrences(occurrences: readonly Occurrence[]): [string, string, string] {
  failOn(
    'ambiguous_field',
    occurrences.map((o) => o.array || count(o) > 1),
    'a field is repeated',
  );
  failOn(
    'missing_field',
    occurrences.map((o) => count(o) === 0),
    'a mandatory field is missing',
  );

  const values = occurrences.map((o) => o.values[0]);
  failOn(
    'wrong_type',
    values.map((v) => typeof v !== 'string'),
    'a field is not a string',
  );

  const strings = values as string[];
  failOn('bad_encoding', strings.map(hasLoneSurrogate), 'a field is not valid Unicode');
  failOn(
    'too_long',
    strings.map((v) => Buffer.byteLength(v, 'utf8') > MAX_PASSWORD_BYTES),
    `a field is longer than ${MAX_PASSWORD_BYTES} bytes of UTF-8`,
    { max_bytes: MAX_PASSWORD_BYTES },
  );
  return [strings[0] as string, strings[1] as string, strings[2] as string];
}

function failOn(
  reason: 'ambiguous_field' | 'missing_field' | 'wrong_type' | 'bad_encoding' | 'too_long',
  failing: readonly boolean[],
  message: string,
  extra: Record<string, unknown> = {},
): void {
  const fields = PASSWORD_FIELDS.filter((_, i) => failing[i]);
  if (fields.length > 0) {
    throw new ServiceError(reason, `${message}: ${fields.join(', ')}`, { fields, ...extra });
  }
}

function bodyPlaces(body: ParsedBody | undefined): Place[] {
  if (body === undefined) return [];
  if (body.source === 'form') return [fieldPlace('form', body.fields)];
  return [jsonPlace(body.value)];
}

function fieldPlace(source: Source, fields: FieldMap): Place {
  return { source, get: (name) => ({ values: fields.get(name) ?? [], array: false }) };
}

function jsonPlace(value: unknown): Place {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ServiceError('malformed_body', 'the JSON body must be an object');
  }
  const object = value as Record<string, unknown>;
  return {
    source: 'json',
    get: (name) => {
      if (!Object.hasOwn(object, name)) return none();
      const field = object[name];
      return Array.isArray(field)
        ? { values: field, array: true }
        : { values: [field], array: false };
    },
  };
}

function none(): Occurrence {
  return { values: [], array: false };
}

/** How many values a place gives for a field; an array, even empty, counts as given. */
function count(occurrence: Occurrence): number {
  return occurrence.array ? Math.max(1, occurrence.values.length) : occurrence.values.length;
}

function hasLoneSurrogate(value: string): boolean {
  // With the u flag a well-formed surrogate pair is one code point, so only lone halves match.
  return /\p{Cs}/u.test(value);
}
