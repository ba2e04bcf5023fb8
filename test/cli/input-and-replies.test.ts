/**
 * The pure parts of the client: how standard input becomes lines, how a /cas page's notice
 * and a KDC refusal are read and told.
 */

import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';

import { readLines } from '../../src/cli/password-input.js';
import type { HttpReply } from '../../src/cli/http-client.js';
import { exitStatusOf, parsePageNotice } from '../../src/cli/result-reply.js';
import { describeResult, describeViolation } from '../../src/cli/result-text.js';

const lines = (text: string | Buffer) => readLines(Readable.from([Buffer.from(text)]));

test('lines: only \\n or \\r\\n endings are removed, everything else is kept', async () => {
  assert.deepEqual(await lines(''), []);
  assert.deepEqual(await lines('\n'), ['']);
  assert.deepEqual(await lines(' a \r\n b \n'), [' a ', ' b ']);
  assert.deepEqual(await lines('a\rb\nlast'), ['a\rb', 'last']);
  assert.deepEqual(await lines('a\r'), ['a\r'], 'a lone \\r at the end is not a line ending');
  assert.deepEqual(await lines('中文 Ünï\n'), ['中文 Ünï']);
});

test('lines: input that is not UTF-8 is refused', async () => {
  await assert.rejects(lines(Buffer.from([0x61, 0xff, 0x0a])), { code: 'ERR_INPUT' });
});

test("a /cas page's notice becomes a result, unescaped", () => {
  const reply: HttpReply = {
    status: 401,
    mediaType: 'text/html',
    location: undefined,
    cookies: new Map(),
    body:
      '<p class="notice" role="alert" data-result-code="1003" data-reason="login_failed">' +
      'The user name &amp; password &#39;x&#39; are wrong.</p>',
  };
  const result = parsePageNotice(reply);
  assert.deepEqual(result?.body, {
    int_result_code: 1003,
    result_desc: "The user name & password 'x' are wrong.",
    reason: 'login_failed',
  });
  assert.equal(exitStatusOf(result.body), 2);
});

test('exit statuses: refusals 2, outages and protocol trouble 1, unknown 3xxx codes 2', () => {
  const result = (code: number, reason?: string) => ({
    int_result_code: code,
    result_desc: '',
    ...(reason !== undefined && { reason }),
  });
  assert.equal(exitStatusOf(result(0, 'success')), 0);
  assert.equal(exitStatusOf(result(3004, 'wrong_old_password')), 2);
  assert.equal(exitStatusOf(result(1008, 'throttled')), 2);
  assert.equal(exitStatusOf(result(1002)), 2, 'the name is found from the code');
  assert.equal(exitStatusOf(result(5001, 'kdc_unavailable')), 1);
  assert.equal(exitStatusOf(result(5002, 'outcome_unknown')), 1);
  assert.equal(exitStatusOf(result(3999)), 2);
  assert.equal(exitStatusOf(result(4999)), 1);
});

test('KDC reasons are told with their numbers and dates', () => {
  assert.equal(
    describeViolation({ reason: 'too_soon', until: '2026-12-06T16:04:08.000Z' }),
    'changed too recently: a change is allowed after 2026-12-06 16:04:08 UTC',
  );
  assert.equal(
    describeViolation({ reason: 'reused', history: 3 }),
    'used before: none of the last 3 passwords may be used again',
  );
  assert.equal(describeViolation({ reason: 'too_short', min_length: null }), 'too short');
});

test('server text is shown without control characters', () => {
  const lines = describeResult(
    { int_result_code: 3005, result_desc: 'no\x1b[2J', reason: 'kdc_policy', detail: 'a\x07b' },
    'alice',
  );
  assert.ok(lines.every((line) => !/[\x00-\x1f]/.test(line)));
  assert.match(lines[0] ?? '', /^refused: no\?\[2J \[3005 kdc_policy\]$/);
});

test('a throttled reply says how long to wait, in words', () => {
  const throttled = (retryAfter: number) =>
    describeResult(
      {
        int_result_code: 1008,
        result_desc: 'Too many attempts.',
        reason: 'throttled',
        retry_after: retryAfter,
      },
      'alice',
    ).at(-1);
  assert.equal(throttled(900), 'What to do: Wait 15 minutes, then run the command again.');
  assert.equal(throttled(42), 'What to do: Wait 42 seconds, then run the command again.');
  const policy = describeResult(
    { int_result_code: 3003, result_desc: 'Rules broken.', reason: 'local_policy', violations: [] },
    'alice',
  ).at(-1);
  assert.equal(policy, 'What to do: Choose a password that meets every rule listed above.');
});
