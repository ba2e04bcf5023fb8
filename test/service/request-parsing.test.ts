/**
 * Strict decoding of query strings, form bodies and JSON bodies, and the rules for the three
 * password fields. Pure functions; no app.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';

import fc from 'fast-check';

import { ServiceError } from '../../src/service/errors.js';
import type { ParsedBody } from '../../src/service/request/body-parsers.js';
import { findDuplicateName, parseJsonBody } from '../../src/service/request/json-body.js';
import {
  MAX_PASSWORD_BYTES,
  readPasswordFields,
} from '../../src/service/request/password-fields.js';
import {
  parseFormBody,
  parseQueryString,
  type FieldMap,
} from '../../src/service/request/urlencoded.js';

const form = (text: string) => parseFormBody(Buffer.from(text, 'utf8'));

function refusal(fn: () => unknown): { reason: string; extra: Record<string, unknown> } {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ServiceError, `a ServiceError, not ${String(err)}`);
    return { reason: err.reason, extra: { ...err.extra } };
  }
  assert.fail('expected a refusal');
}

test('form decoding: + is a space, %2B a plus, UTF-8 percent-encoded or raw', () => {
  assert.deepEqual(
    form('a=x+y&b=x%2By&c=%C3%A9%E4%B8%AD&d=é中&e=%25%26%3D'),
    new Map([
      ['a', ['x y']],
      ['b', ['x+y']],
      ['c', ['é中']],
      ['d', ['é中']],
      ['e', ['%&=']],
    ]),
  );
});

test('form decoding keeps everything: empty values, names without =, spaces, repeats', () => {
  assert.deepEqual(
    form('a=&b&&c=+x+&c=2&%20d=v=w'),
    new Map([
      ['a', ['']],
      ['b', ['']],
      ['c', [' x ', '2']],
      [' d', ['v=w']],
    ]),
  );
});

test('invalid percent-encoding and invalid UTF-8 are refused as bad_encoding', () => {
  for (const text of ['a=%', 'a=%4', 'a=%zz', 'a=%C3', 'a=%C3%28', 'a=%FF', '%E4%B8=x']) {
    assert.equal(refusal(() => form(text)).reason, 'bad_encoding', text);
  }
  assert.equal(
    refusal(() => parseFormBody(Buffer.from([0x61, 0x3d, 0xc3]))).reason,
    'bad_encoding',
  );
});

test('query strings: printable ASCII only', () => {
  assert.deepEqual(parseQueryString('a=%C3%A9+b'), new Map([['a', ['é b']]]));
  assert.equal(refusal(() => parseQueryString('a=é')).reason, 'bad_encoding');
  assert.equal(refusal(() => parseQueryString('a=b c')).reason, 'bad_encoding');
});

test('property: whatever URLSearchParams encodes decodes to exactly the same strings', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.string(), fc.string({ unit: 'grapheme' }))), (pairs) => {
      const encoded = new URLSearchParams(pairs).toString();
      const expected = new Map<string, string[]>();
      for (const [k, v] of pairs) expected.set(k, [...(expected.get(k) ?? []), v]);
      assert.deepEqual(parseQueryString(encoded), expected);
      assert.deepEqual(form(encoded), expected);
    }),
  );
});

test('JSON: empty is no body; malformed, non-UTF-8 and duplicate names are refused', () => {
  assert.equal(parseJsonBody(Buffer.from('  ')), undefined);
  assert.deepEqual(parseJsonBody(Buffer.from('{"a":"é"}')), { a: 'é' });
  assert.equal(refusal(() => parseJsonBody(Buffer.from('{"a":'))).reason, 'malformed_body');
  assert.equal(
    refusal(() => parseJsonBody(Buffer.from([0x22, 0xff, 0x22]))).reason,
    'bad_encoding',
  );
  assert.deepEqual(
    refusal(() => parseJsonBody(Buffer.from('{"a":1,"a":2}'))),
    {
      reason: 'ambiguous_field',
      extra: { fields: ['a'] },
    },
  );
});

test('duplicate member names are found at any depth, escapes and strings included', () => {
  assert.equal(findDuplicateName('{"a":{"b":1,"b":2}}'), 'b');
  assert.equal(findDuplicateName('{"a":1,"\\u0061":2}'), 'a');
  assert.equal(findDuplicateName('{"a":"a","b":["a","a"],"c":{"a":1}}'), undefined);
  assert.equal(findDuplicateName('[{"a":1},{"a":1}]'), undefined);
  assert.equal(findDuplicateName('{"x\\"":1,"y":{"x\\"":{}},"z":"\\\\"}'), undefined);
  assert.equal(findDuplicateName('{"a":[{"b":1}],"a":0}'), 'a');
});

const good = { old_password: 'o', new_password: 'n', confirm_password: 'n' };
const query = (fields: Record<string, string>): FieldMap =>
  new Map(Object.entries(fields).map(([k, v]) => [k, [v]]));
const json = (value: unknown): ParsedBody => ({ source: 'json', value });
const formBody = (fields: Record<string, string>): ParsedBody => ({
  source: 'form',
  fields: query(fields),
});

test('the three fields are read from the query, a JSON body or a form body', () => {
  const expected = { oldPassword: 'o', newPassword: 'n', confirmPassword: 'n' };
  assert.deepEqual(readPasswordFields(query(good), undefined), expected);
  assert.deepEqual(readPasswordFields(new Map(), json(good)), expected);
  assert.deepEqual(readPasswordFields(new Map(), formBody(good)), expected);
  // Unrelated query parameters do not make the place ambiguous.
  assert.deepEqual(readPasswordFields(query({ lang: 'en' }), json(good)), expected);
  // An empty body beside query fields is fine.
  assert.deepEqual(readPasswordFields(query(good), formBody({})), expected);
});

test('fields from two places, repeated, or JSON arrays are ambiguous', () => {
  const split = refusal(() =>
    readPasswordFields(
      query({ old_password: 'o' }),
      json({ new_password: 'n', confirm_password: 'n' }),
    ),
  );
  assert.deepEqual(split, {
    reason: 'ambiguous_field',
    extra: {
      fields: ['old_password', 'new_password', 'confirm_password'],
      sources: ['query', 'json'],
    },
  });
  const repeated = new Map([...query(good), ['new_password', ['a', 'b']]]);
  assert.deepEqual(
    refusal(() => readPasswordFields(repeated, undefined)),
    {
      reason: 'ambiguous_field',
      extra: { fields: ['new_password'] },
    },
  );
  for (const value of [['n'], [], ['n', 'n']]) {
    const r = refusal(() =>
      readPasswordFields(new Map(), json({ ...good, confirm_password: value })),
    );
    assert.deepEqual(r, { reason: 'ambiguous_field', extra: { fields: ['confirm_password'] } });
  }
});

test('missing, wrong type, not Unicode, too long: each names its fields', () => {
  assert.deepEqual(
    refusal(() => readPasswordFields(query({ old_password: 'o' }), undefined)),
    {
      reason: 'missing_field',
      extra: { fields: ['new_password', 'confirm_password'] },
    },
  );
  assert.deepEqual(refusal(() => readPasswordFields(new Map(), undefined)).reason, 'missing_field');
  for (const value of [null, 1, true, {}]) {
    const r = refusal(() => readPasswordFields(new Map(), json({ ...good, old_password: value })));
    assert.deepEqual(r, { reason: 'wrong_type', extra: { fields: ['old_password'] } });
  }
  const lone = refusal(() =>
    readPasswordFields(new Map(), json({ ...good, new_password: '\ud800' })),
  );
  assert.deepEqual(lone, { reason: 'bad_encoding', extra: { fields: ['new_password'] } });
  for (const body of ['[]', '"x"', '3', 'null']) {
    const r = refusal(() => readPasswordFields(new Map(), json(JSON.parse(body))));
    assert.equal(r.reason, 'malformed_body', body);
  }
});

test('the size limit is 1023 bytes of UTF-8', () => {
  const fits = 'é'.repeat(511) + 'x';
  assert.equal(Buffer.byteLength(fits), MAX_PASSWORD_BYTES);
  const fields = { old_password: fits, new_password: 'n', confirm_password: 'n' };
  assert.equal(readPasswordFields(query(fields), undefined).oldPassword, fits);
  const over = { ...fields, new_password: `${fits}x`, confirm_password: 'é'.repeat(512) };
  assert.deepEqual(
    refusal(() => readPasswordFields(query(over), undefined)),
    {
      reason: 'too_long',
      extra: { fields: ['new_password', 'confirm_password'], max_bytes: 1023 },
    },
  );
});

test('values are kept exactly: spaces, case, Unicode forms', () => {
  const nfd = 'e\u0301';
  const fields = { old_password: '  a  ', new_password: nfd, confirm_password: nfd };
  const read = readPasswordFields(new Map(), json(fields));
  assert.equal(read.oldPassword, '  a  ');
  assert.equal(read.newPassword, nfd);
});
