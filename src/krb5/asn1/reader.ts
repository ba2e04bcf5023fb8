/**
 * A strict DER reader (X.690 section 10): definite, minimal lengths that never run past the
 * enclosing value, exact tags, bounded nesting. Every failure is a {@link DecodeError} naming
 * the path being decoded and the byte offset.
 */

import { DecodeError } from '../errors.js';
import { describeTag, sameTag, tagClassOf } from './tags.js';
import type { Tag } from './tags.js';

/** Deepest nesting of constructed values accepted; Kerberos messages need about 10. */
export const MAX_DEPTH = 16;

/** Longest length field accepted, in octets after the first (lengths below 2^32). */
const MAX_LENGTH_OCTETS = 4;

/** Longest multi-octet tag number accepted, in octets (tag numbers below 2^28). */
const MAX_TAG_OCTETS = 4;

/** The identifier and length octets of one element, with absolute offsets. */
interface Header {
  readonly tag: Tag;
  readonly start: number;
  readonly contentStart: number;
  readonly contentEnd: number;
}

/** Reads elements one after another from a window of the input. */
export class DerReader {
  private pos: number;

  private constructor(
    private readonly input: Uint8Array,
    start: number,
    private readonly end: number,
    private readonly depth: number,
    readonly path: string,
  ) {
    this.pos = start;
  }

  /** A reader over all of `input`; `path` names the value in error messages. */
  static over(input: Uint8Array, path: string): DerReader {
    return new DerReader(input, 0, input.length, 0, path);
  }

  /** Current absolute offset. */
  get offset(): number {
    return this.pos;
  }

  /** True when nothing is left in this window. */
  atEnd(): boolean {
    return this.pos >= this.end;
  }

  /** Throws a DecodeError for this path at `offset` (default: the current one). */
  fail(problem: string, offset: number = this.pos): never {
    throw new DecodeError(`${this.path}: ${problem} at offset ${offset}`);
  }

  /** The tag of the next element, or undefined at the end of the window. */
  peekTag(): Tag | undefined {
    return this.atEnd() ? undefined : this.readHeader().tag;
  }

  /** True when the next element carries exactly `tag`. */
  nextIs(tag: Tag): boolean {
    const next = this.peekTag();
    return next !== undefined && sameTag(next, tag);
  }

  /** Reads a constructed element carrying `tag`; returns a reader over its contents. */
  enter(tag: Tag, name?: string): DerReader {
    const header = this.expect(tag);
    const path = name === undefined ? this.path : `${this.path}.${name}`;
    if (this.depth + 1 > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH}`, header.start);

    this.pos = header.contentEnd;
    return new DerReader(this.input, header.contentStart, header.contentEnd, this.depth + 1, path);
  }

  /** Reads a primitive element carrying `tag`; returns its contents (a view, not a copy). */
  primitive(tag: Tag): { readonly content: Uint8Array; readonly offset: number } {
    const header = this.expect(tag);
    this.pos = header.contentEnd;
    const content = this.input.subarray(header.contentStart, header.contentEnd);
    return { content, offset: header.contentStart };
  }

  /** Runs `read` on this reader and also returns a copy of the bytes it consumed. */
  capture<T>(read: (r: DerReader) => T): { readonly value: T; readonly der: Uint8Array } {
    const start = this.pos;
    const value = read(this);
    // A plain copy: a view would pin (and alias) the whole input, maybe a pooled Buffer.
    return { value, der: new Uint8Array(this.input.subarray(start, this.pos)) };
  }

  /** Refuses anything left in this window (unknown fields, trailing bytes). */
  finish(): void {
    if (this.atEnd()) return;
    if (this.depth === 0) this.fail('trailing bytes');
    this.fail(`unexpected ${describeTag(this.readHeader().tag)}`);
  }

  private expect(tag: Tag): Header {
    if (this.atEnd()) this.fail(`missing ${describeTag(tag)}`);
    const header = this.readHeader();
    if (!sameTag(header.tag, tag)) {
      this.fail(`expected ${describeTag(tag)}, found ${describeTag(header.tag)}`);
    }
    return header;
  }

  /** Parses the identifier and length octets at the current position, without moving. */
  private readHeader(): Header {
    const start = this.pos;
    const first = this.input[start] as number;
    const { number, next } = this.readTagNumber(first, start + 1);
    const { length, next: contentStart } = this.readLength(next);
    if (length > this.end - contentStart) {
      this.fail(`length ${length} runs past the ${this.end - contentStart} bytes left`, start);
    }

    const tag: Tag = { tagClass: tagClassOf(first), constructed: (first & 0x20) !== 0, number };
    return { tag, start, contentStart, contentEnd: contentStart + length };
  }

  private readTagNumber(first: number, at: number): { number: number; next: number } {
    const low = first & 0x1f;
    if (low !== 0x1f) return { number: low, next: at };

    // X.690 8.1.2.4: base-128 digits, high bit set on all but the last, no leading zero digit.
    let number = 0;
    for (let i = 0; i < MAX_TAG_OCTETS; i++) {
      const octet = this.octetAt(at + i, 'truncated tag');
      if (i === 0 && octet === 0x80) this.fail('non-minimal tag number', at);
      number = number * 128 + (octet & 0x7f);
      if ((octet & 0x80) === 0) {
        if (number < 0x1f) this.fail('non-minimal tag number', at);
        return { number, next: at + i + 1 };
      }
    }
    return this.fail('tag number too large', at);
  }

  private readLength(at: number): { length: number; next: number } {
    const first = this.octetAt(at, 'truncated length');
    if (first < 0x80) return { length: first, next: at + 1 };
    if (first === 0x80) this.fail('indefinite length', at);

    const count = first & 0x7f;
    if (count > MAX_LENGTH_OCTETS) this.fail('length too large', at);
    let length = 0;
    for (let i = 1; i <= count; i++) {
      length = length * 256 + this.octetAt(at + i, 'truncated length');
    }

    // X.690 10.1: the definite form with the fewest octets.
    if (this.input[at + 1] === 0 || length < 0x80) this.fail('non-minimal length', at);
    return { length, next: at + 1 + count };
  }

  private octetAt(at: number, problem: string): number {
    if (at >= this.end) this.fail(problem, at);
    return this.input[at] as number;
  }
}

/**
 * Decodes `input` as exactly one value read by `read`; anything after it is refused.
 * `name` (the RFC's type name) starts the path in error messages.
 */
export function decodeWhole<T>(input: Uint8Array, name: string, read: (r: DerReader) => T): T {
  const reader = DerReader.over(input, name);
  const value = read(reader);
  reader.finish();
  return value;
}
