/**
 * Reading SEQUENCE, SEQUENCE OF and explicit `[n]` fields. Fields must come in increasing tag
 * order; callers read every known field and then call `finish()`, so an unknown or repeated
 * field is refused (X.690 10.3 gives SEQUENCE fields a fixed order).
 */

import { DerReader } from './reader.js';
import { SEQUENCE, applicationTag, contextTag } from './tags.js';

/** Reads a SEQUENCE with `body`, refusing fields that `body` did not read. */
export function readSequence<T>(r: DerReader, body: (fields: DerReader) => T, name?: string): T {
  const fields = r.enter(SEQUENCE, name);
  const value = body(fields);
  fields.finish();
  return value;
}

/** Reads a SEQUENCE OF, each element with `readItem`. */
export function readSequenceOf<T>(r: DerReader, readItem: (r: DerReader) => T): T[] {
  const items = r.enter(SEQUENCE);
  const out: T[] = [];
  while (!items.atEnd()) out.push(readItem(items));
  return out;
}

/** Reads the required field `[number]` (named `name` in errors) with `read`. */
export function readField<T>(
  r: DerReader,
  number: number,
  name: string,
  read: (r: DerReader) => T,
): T {
  const tag = contextTag(number);
  if (!r.nextIs(tag)) {
    const found = r.atEnd() ? 'end of SEQUENCE' : 'another field';
    r.fail(`missing [${number}] ${name} (found ${found})`);
  }
  return readExplicit(r, number, name, read);
}

/** Reads the OPTIONAL field `[number]` with `read` when it is next, else gives undefined. */
export function readOptionalField<T>(
  r: DerReader,
  number: number,
  name: string,
  read: (r: DerReader) => T,
): T | undefined {
  if (!r.nextIs(contextTag(number))) return undefined;
  return readExplicit(r, number, name, read);
}

function readExplicit<T>(r: DerReader, number: number, name: string, read: (r: DerReader) => T): T {
  const inner = r.enter(contextTag(number), name);
  const value = read(inner);
  inner.finish();
  return value;
}

/** Reads an `[APPLICATION number]` element whose contents `read` reads completely. */
export function readApplication<T>(r: DerReader, number: number, read: (r: DerReader) => T): T {
  const inner = r.enter(applicationTag(number));
  const value = read(inner);
  inner.finish();
  return value;
}
