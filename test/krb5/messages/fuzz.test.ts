/**
 * Random bytes and mutations (flip, overwrite, insert, delete, truncate) of valid encodings,
 * fed to every decoder: only DecodeError may escape, and where the decoder is strict anything
 * it accepts re-encodes to exactly the input. Bounded by count, not by time.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import fc from 'fast-check';

import { DecodeError } from '../../../src/krb5/errors.js';
import { decodeKdcReply } from '../../../src/krb5/messages/index.js';
import { CODECS } from './codecs.js';
import type { Codec } from './codecs.js';

const MUTATION_RUNS = 1000;
const RANDOM_RUNS = 300;

type Mutation =
  | { readonly kind: 'flip'; readonly at: number; readonly bit: number }
  | { readonly kind: 'set'; readonly at: number; readonly value: number }
  | { readonly kind: 'insert'; readonly at: number; readonly bytes: Uint8Array }
  | { readonly kind: 'delete'; readonly at: number; readonly count: number }
  | { readonly kind: 'truncate'; readonly at: number };

const position = fc.nat({ max: 4096 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, bit: fc.nat({ max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: position, value: fc.nat({ max: 255 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    bytes: fc.uint8Array({ minLength: 1, maxLength: 6 }),
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: position,
    count: fc.integer({ min: 1, max: 6 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
);

function mutate(input: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let bytes = Uint8Array.from(input);
  for (const m of mutations) {
    const at = m.at % (bytes.length + 1);
    const before = bytes.subarray(0, at);
    if (m.kind === 'flip' && at < bytes.length) bytes[at] = (bytes[at] as number) ^ (1 << m.bit);
    if (m.kind === 'set' && at < bytes.length) bytes[at] = m.value;
    if (m.kind === 'insert')
      bytes = Uint8Array.from([...before, ...m.bytes, ...bytes.subarray(at)]);
    if (m.kind === 'delete') bytes = Uint8Array.from([...before, ...bytes.subarray(at + m.count)]);
    if (m.kind === 'truncate') bytes = Uint8Array.from(before);
  }
  return bytes;
}

/** Decodes `input`: a DecodeError is fine, any other exception fails the test. */
function check(codec: Codec<unknown>, input: Uint8Array): void {
  let decoded: unknown;
  try {
    decoded = codec.decode(input);
  } catch (error) {
    if (error instanceof DecodeError) return;
    throw error;
  }
  if (codec.canonical) assert.deepStrictEqual(codec.encode(decoded), input);
}

function recorded(name: string, field: 'request' | 'reply' | 'encPartPlaintext'): Uint8Array {
  const url = new URL(`../../vectors/${name}.json`, import.meta.url);
  const vector = JSON.parse(readFileSync(url, 'utf8')) as Record<string, string>;
  return new Uint8Array(Buffer.from(vector[field] as string, 'hex'));
}

const RECORDED: Record<string, readonly Uint8Array[]> = {
  'AS-REQ': [recorded('recorded-preauth-required', 'request')],
  'AS-REP': [recorded('recorded-as-rep', 'reply')],
  'KRB-ERROR': [
    recorded('recorded-preauth-required', 'reply'),
    recorded('recorded-c-principal-unknown', 'reply'),
  ],
  EncKDCRepPart: [recorded('recorded-as-rep', 'encPartPlaintext')],
};

const KDC_REPLY: Codec<unknown> = {
  name: 'KDC reply',
  decode: decodeKdcReply,
  encode: () => new Uint8Array(0),
  sample: undefined,
  arbitrary: fc.constant(undefined),
  canonical: false,
};

function fuzz(codec: Codec<unknown>, seeds: readonly Uint8Array[]): void {
  describe(codec.name, () => {
    it('lets only DecodeError escape from mutated valid encodings', () => {
      const seed = fc.constantFrom(...seeds);
      fc.assert(
        fc.property(seed, fc.array(mutation, { minLength: 1, maxLength: 4 }), (input, ms) => {
          check(codec, mutate(input, ms));
        }),
        { numRuns: MUTATION_RUNS },
      );
    });

    it('lets only DecodeError escape from random bytes behind a plausible first octet', () => {
      const first = fc.constantFrom(...seeds.map((s) => s[0] as number));
      fc.assert(
        fc.property(first, fc.uint8Array({ maxLength: 96 }), (tag, rest) => {
          check(codec, Uint8Array.from([tag, ...rest]));
          check(codec, rest);
        }),
        { numRuns: RANDOM_RUNS },
      );
    });

    it('refuses a huge claimed length (0x84 7f ff ff ff) without allocating it', () => {
      for (const s of seeds) {
        const header = Uint8Array.of(s[0] as number, 0x84, 0x7f, 0xff, 0xff, 0xff);
        assert.throws(() => codec.decode(header), DecodeError);
      }
    });
  });
}

describe('decoder fuzzing', () => {
  for (const codec of CODECS) {
    fuzz(codec, [codec.encode(codec.sample), ...(RECORDED[codec.name] ?? [])]);
  }
  fuzz(KDC_REPLY, [
    ...(RECORDED['AS-REP'] as Uint8Array[]),
    ...(RECORDED['KRB-ERROR'] as Uint8Array[]),
  ]);
});
