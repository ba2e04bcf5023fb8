/**
 * Strict application/x-www-form-urlencoded decoding (WHATWG URL standard, section 5.1) for
 * form bodies and query strings. Unlike lenient parsers it refuses what it cannot decode
 * exactly: a `%` not followed by two hex digits, or bytes that are not UTF-8. `+` is a
 * space and `%2B` a plus; nothing is trimmed or normalised. Repeated names keep every value.
 */

import { ServiceError } from '../errors.js';

/** Names to every value given, in order. */
export type FieldMap = Map<string, string[]>;

const AMPERSAND = 0x26;
const EQUALS = 0x3d;
const PLUS = 0x2b;
const PERCENT = 0x25;
const SPACE = 0x20;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decode a form body. Throws ServiceError `bad_encoding`. */
export function parseFormBody(body: Uint8Array): FieldMap {
  const fields: FieldMap = new Map();
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf(AMPERSAND, start);
    if (end < 0) end = body.length;
    if (end > start) addPair(fields, body.subarray(start, end));
    start = end + 1;
  }
  return fields;
}

/**
 * Decode a query string (without the `?`). A raw character outside printable ASCII cannot
 * come from a conforming client (Node's HTTP parser refuses them), so it is refused too.
 */
export function parseQueryString(query: string): FieldMap {
  if (!/^[\x21-\x7e]*$/.test(query)) throw badEncoding('raw non-ASCII or space in the URL');
  return parseFormBody(Buffer.from(query, 'latin1'));
}

function addPair(fields: FieldMap, pair: Uint8Array): void {
  const eq = pair.indexOf(EQUALS);
  const name = decodeComponent(eq < 0 ? pair : pair.subarray(0, eq));
  const value = eq < 0 ? '' : decodeComponent(pair.subarray(eq + 1));
  const values = fields.get(name);
  if (values) values.push(value);
  else fields.set(name, [value]);
}

function decodeComponent(raw: Uint8Array): string {
  const out = new Uint8Array(raw.length);
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i] as number;
    if (byte === PLUS) {
      out[n++] = SPACE;
    } else if (byte === PERCENT) {
      out[n++] = hexByte(raw, i + 1);
      i += 2;
    } else {
      out[n++] = byte;
    }
  }
  try {
    return utf8.decode(out.subarray(0, n));
  } catch {
    throw badEncoding('not valid UTF-8 after percent-decoding');
  }
}

function hexByte(raw: Uint8Array, at: number): number {
  const hi = hexDigit(raw[at]);
  const lo = hexDigit(raw[at + 1]);
  if (hi < 0 || lo < 0) throw badEncoding('"%" not followed by two hex digits');
  return hi * 16 + lo;
}

function hexDigit(byte: number | undefined): number {
  if (byte === undefined) return -1;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x41 + 10;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x61 + 10;
  return -1;
}

function badEncoding(why: string): ServiceError {
  return new ServiceError('bad_encoding', `bad request encoding: ${why}`);
}
