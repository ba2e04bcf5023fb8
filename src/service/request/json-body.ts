/**
 * Strict JSON body decoding: UTF-8 only (RFC 8259 section 8.1), no duplicate member names
 * (RFC 8259 section 4 leaves their meaning open, so a duplicate is refused as ambiguous).
 * Errors never quote the body: V8's JSON.parse messages include a slice of the input, which
 * could be a password.
 */

import { ServiceError } from '../errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decode a JSON body; undefined when it is empty. Throws ServiceError. */
export function parseJsonBody(body: Uint8Array): unknown {
  const text = decodeUtf8(body);
  if (text.trim() === '') return undefined;

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ServiceError('malformed_body', 'the body is not well-formed JSON');
  }

  const duplicate = findDuplicateName(text);
  if (duplicate !== undefined) {
    throw new ServiceError('ambiguous_field', 'a JSON member name appears twice', {
      fields: [duplicate],
    });
  }
  return value;
}

function decodeUtf8(body: Uint8Array): string {
  try {
    return utf8.decode(body);
  } catch {
    throw new ServiceError('bad_encoding', 'bad request encoding: the body is not valid UTF-8');
  }
}

/**
 * The first member name that appears twice in one object of `text`, which must already be
 * valid JSON (so the scan only has to track strings and nesting).
 */
export function findDuplicateName(text: string): string | undefined {
  const stack: Array<Set<string> | null> = [];
  let expectName = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      const end = endOfString(text, i);
      const names = stack.at(-1);
      if (expectName && names) {
        const name = JSON.parse(text.slice(i, end + 1)) as string;
        if (names.has(name)) return name;
        names.add(name);
        expectName = false;
      }
      i = end;
    } else if (ch === '{') {
      stack.push(new Set());
      expectName = true;
    } else if (ch === '[') {
      stack.push(null);
    } else if (ch === '}' || ch === ']') {
      stack.pop();
    } else if (ch === ',') {
      expectName = Boolean(stack.at(-1));
    }
  }
  return undefined;
}

function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i;
}
