/**
 * A strict DER reader (X.690 section 10): definite, minimal lengths that never run past the
 * enclosing value, exact tags, bounded nesting. Every failure is a {@link DecodeError} naming
 * the path being decoded and the byte offset.
 */

import { DecodeError } from '../errors.js';
import { describeTag, tagClassOf } from './tags.js';
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

/**
 * Reads elements one after another from a window of the input. The header at the current
 * position is parsed once into plain fields and kept until the position moves, so looking at
 * the next tag and then reading that element allocate nothing.
 */
export class DerReader {
  private pos: number;
  /** Position of the header parsed into the fields below; -1 for none. */
  private parsedAt = -1;
  private first = 0;
  private tagNumber = 0;
  private contentStart = 0;
  private contentEnd = 0;

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
    if (this.atEnd()) return false;
    this.parseHeader();
    return this.carries(tag);
  }

  /** Reads a constructed element carrying `tag`; returns a reader over its contents. */
  enter(tag: Tag, name?: string): DerReader {
    this.expect(tag);
    const path = name === undefined ? this.path : `${this.path}.${name}`;
    if (this.depth + 1 > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH}`, this.pos);

    const { contentStart, contentEnd } = this;
    this.pos = contentEnd;
    return new DerReader(this.input, contentStart, contentEnd, this.depth + 1, path);
  }

  /** Reads a primitive element carrying `tag`; returns its contents (a view, not a copy). */
  primitive(tag: Tag): { readonly content: Uint8Array; readonly offset: number } {
    this.expect(tag);
    const { contentStart, contentEnd } = this;
    this.pos = contentEnd;
    const content = this.input.subarray(contentStart, contentEnd);
    return { content, offset: contentStart };
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

  /** Parses the next element's header, which must carry `tag`. */
  private expect(tag: Tag): void {
    if (this.atEnd()) this.fail(`missing ${describeTag(tag)}`);
    this.parseHeader();
    if (!this.carries(tag)) {
      this.fail(`expected ${describeTag(tag)}, found ${describeTag(this.readHeader().tag)}`);
    }
  }

  /** Whether the parsed header carries exactly `tag`. */
  private carries(tag: Tag): boolean {
    return (
      tag.number === this.tagNumber &&
      tag.constructed === ((this.first & 0x20) !== 0) &&
      tag.tagClass === tagClassOf(this.first)
    );
  }

  /** The header at the current position as an object (for peekTag and error messages). */
  private readHeader(): Header {
    this.parseHeader();
    const tag: Tag = {
      tagClass: tagClassOf(this.first),
      constructed: (this.first & 0x20) !== 0,
      number: this.tagNumber,
    };
    return {
      tag,
      start: this.pos,
      contentStart: this.contentStart,
      contentEnd: this.contentEnd,
    };
  }

  /** Parses the identifier and length octets at the current position, without moving. */
  private parseHeader(): void {
    const start = this.pos;
    if (this.parsedAt === start) return;
    // The fields below are rewritten as the parse goes: valid again only once it succeeds.
    this.parsedAt = -1;
    const first = this.input[start] as number;
    const lengthAt = this.readTagNumber(first, start + 1);
    const contentStart = this.readLength(lengthAt);
    const length = this.contentEnd;
    if (length > this.end - contentStart) {
      this.fail(`length ${length} runs past the ${this.end - contentStart} bytes left`, start);
    }
    this.first = first;
    this.contentStart = contentStart;
    this.contentEnd = contentStart + length;
    this.parsedAt = start;
  }

  /** Parses the tag number into `tagNumber`; returns the offset of the length octets. */
  private readTagNumber(first: number, at: number): number {
    const low = first & 0x1f;
    if (low !== 0x1f) {
      this.tagNumber = low;
      return at;
    }

    // X.690 8.1.2.4: base-128 digits, high bit set on all but the last, no leading zero digit.
    let number = 0;
    for (let i = 0; i < MAX_TAG_OCTETS; i++) {
      const octet = this.octetAt(at + i, 'truncated tag');
      if (i === 0 && octet === 0x80) this.fail('non-minimal tag number', at);
      number = number * 128 + (octet & 0x7f);
      if ((octet & 0x80) === 0) {
        if (number < 0x1f) this.fail('non-minimal tag number', at);
        this.tagNumber = number;
        return at + i + 1;
      }
    }
    return this.fail('tag number too large', at);
  }

  /**
   * Parses the length octets at `at`, leaving the length in `contentEnd` for parseHeader to
   * check and place; returns the offset of the contents.
   */
  private readLength(at: number): number {
    const first = this.octetAt(at, 'truncated length');
    if (first < 0x80) {
      this.contentEnd = first;
      return at + 1;
    }
    if (first === 0x80) this.fail('indefinite length', at);

    const count = first & 0x7f;
    if (count > MAX_LENGTH_OCTETS) this.fail('length too large', at);
    let length = 0;
    for (let i = 1; i <= count; i++) {
      length = length * 256 + this.octetAt(at + i, 'truncated length');
    }

    // X.690 10.1: the definite form with the fewest octets.
    if (this.input[at + 1] === 0 || length < 0x80) this.fail('non-minimal length', at);
    this.contentEnd = length;
    return at + 1 + count;
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
