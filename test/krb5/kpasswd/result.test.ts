import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

import {
  KPASSWD_RESULT,
  describeReason,
  kpasswdCodeName,
  parseKpasswdResult,
  type KpasswdResult,
  type PolicyReason,
} from '../../../src/krb5/kpasswd/result.js';
import { INVALID_UTF8_NOTE, MAX_SERVER_TEXT } from '../../../src/krb5/kpasswd/safe-text.js';

interface Vector {
  name: string;
  source: string;
  code: number;
  text?: string;
  hex?: string;
  expect: {
    codeName: string;
    reasons: Array<Record<string, unknown>>;
    text?: string;
    description?: string;
    adPolicy?: Record<string, unknown>;
  };
}

const vectors = (
  JSON.parse(
    readFileSync(new URL('../../vectors/kpasswd-results.json', import.meta.url), 'utf8'),
  ) as { vectors: Vector[] }
).vectors;

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function bytesOf(vector: Vector): Uint8Array {
  if (vector.hex !== undefined) return Uint8Array.from(Buffer.from(vector.hex, 'hex'));
  return utf8(vector.text ?? '');
}

/** Reasons with dates as ISO strings, comparable to the JSON. */
function plainReasons(reasons: readonly PolicyReason[]): Array<Record<string, unknown>> {
  return reasons.map((reason) =>
    reason.kind === 'too_soon' && reason.until !== undefined
      ? { ...reason, until: reason.until.toISOString() }
      : { ...reason },
  );
}

function assertSafe(result: KpasswdResult): void {
  assert.doesNotMatch(result.text, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  assert.ok(Array.from(result.text).length <= MAX_SERVER_TEXT);
  assert.ok(result.description.length > 0);
}

describe('kpasswd result vectors', () => {
  for (const vector of vectors) {
    test(vector.name, () => {
      assert.ok(vector.source.length > 0, 'every vector cites its source');
      const result = parseKpasswdResult(vector.code, bytesOf(vector));

      assert.equal(result.code, vector.code);
      assert.equal(result.codeName, vector.expect.codeName);
      assert.deepEqual(plainReasons(result.reasons), vector.expect.reasons);
      if (vector.expect.text !== undefined) assert.equal(result.text, vector.expect.text);
      if (vector.expect.description !== undefined) {
        assert.equal(result.description, vector.expect.description);
      }
      assert.deepEqual(result.adPolicy, vector.expect.adPolicy);
      assertSafe(result);
    });
  }
});

describe('one result per code, with empty text', () => {
  const expected: Array<[number, string, string]> = [
    [0, 'KRB5_KPASSWD_SUCCESS', 'The password was changed.'],
    [
      1,
      'KRB5_KPASSWD_MALFORMED',
      'The password server could not understand the request (malformed request).',
    ],
    [
      2,
      'KRB5_KPASSWD_HARDERROR',
      'The password server could not change the password because of an error on the server.',
    ],
    [3, 'KRB5_KPASSWD_AUTHERROR', 'The password server could not authenticate the request.'],
    [4, 'KRB5_KPASSWD_SOFTERROR', 'The new password does not meet the password policy.'],
    [
      5,
      'KRB5_KPASSWD_ACCESSDENIED',
      'The password server does not allow this account to change this password.',
    ],
    [
      6,
      'KRB5_KPASSWD_BAD_VERSION',
      'The password server does not support this version of the password-change protocol.',
    ],
    [
      7,
      'KRB5_KPASSWD_INITIAL_FLAG_NEEDED',
      'The ticket was not obtained with the password (initial flag needed).',
    ],
  ];

  for (const [code, name, description] of expected) {
    test(`${code} ${name}`, () => {
      const result = parseKpasswdResult(code, new Uint8Array());
      assert.equal(result.code, code);
      assert.equal(result.codeName, name);
      assert.equal(result.text, '');
      assert.equal(result.description, description);
      assert.deepEqual(result.reasons, code === 4 ? [{ kind: 'other' }] : []);
      assert.equal(result.adPolicy, undefined);
    });
  }

  test('KPASSWD_RESULT matches the names', () => {
    for (const [key, code] of Object.entries(KPASSWD_RESULT)) {
      assert.equal(kpasswdCodeName(code), `KRB5_KPASSWD_${key}`);
    }
  });

  test('an unknown code is kept and named UNKNOWN', () => {
    const result = parseKpasswdResult(0xffff, utf8('Something odd happened'));
    assert.equal(result.code, 0xffff);
    assert.equal(result.codeName, 'UNKNOWN');
    assert.equal(result.text, 'Something odd happened');
    assert.deepEqual(result.reasons, []);
    assert.match(result.description, /unknown result code \(65535\)/);
  });

  test('a policy text under a non-policy code gives no reasons', () => {
    const text =
      'New password is too short.\nPlease choose a password which is at least 9 characters long.';
    assert.deepEqual(parseKpasswdResult(5, utf8(text)).reasons, []);
  });
});

describe('server text is made safe', () => {
  test('invalid UTF-8 is replaced by a note, never passed on', () => {
    const cases = [
      [0x50, 0x61, 0xff, 0x73],
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xe2, 0x82],
    ];
    for (const bytes of cases) {
      const result = parseKpasswdResult(4, Uint8Array.from(bytes));
      assert.equal(result.text, INVALID_UTF8_NOTE);
      assert.deepEqual(result.reasons, [{ kind: 'other' }]);
    }
  });

  test('a too-short text that is not valid UTF-8 is not parsed', () => {
    const bytes = [...utf8('Password too short'), 0xff];
    const result = parseKpasswdResult(4, Uint8Array.from(bytes));
    assert.equal(result.text, INVALID_UTF8_NOTE);
    assert.deepEqual(result.reasons, [{ kind: 'other' }]);
  });

  test('control characters and ANSI escapes are stripped, newlines kept', () => {
    const raw =
      '\u001b[31mNew password\u001b[0m is too short.\r\n' +
      '\u001b]0;pwned\u0007Please choose a password ' +
      'which is at least 10 characters long.\u0008\u0000' +
      '\u009b2J\u202eevil\u202c\u001bc\n\n  \n';
    const result = parseKpasswdResult(4, utf8(raw));
    assert.equal(
      result.text,
      'New password is too short.\nPlease choose a ' +
        'password which is at least 10 characters long.evil',
    );
    assert.deepEqual(result.reasons, [{ kind: 'too_short', minLength: 10 }]);
  });

  test('a tab becomes a space so the words it separated stay apart', () => {
    assert.equal(parseKpasswdResult(2, utf8('Server\terror\t')).text, 'Server error');
  });

  test('blank lines at the ends and trailing spaces are trimmed', () => {
    const result = parseKpasswdResult(2, utf8('\n\nLine one.   \n\nLine two. \n \n\n'));
    assert.equal(result.text, 'Line one.\n\nLine two.');
  });

  test('an overlong text is capped with an ellipsis', () => {
    const long = 'x'.repeat(5000);
    const result = parseKpasswdResult(2, utf8(long));
    assert.equal(Array.from(result.text).length, MAX_SERVER_TEXT);
    assert.ok(result.text.endsWith('…'));
    assert.ok(result.text.startsWith('xxx'));
  });

  test('the cap does not split a surrogate pair', () => {
    const long = '😀'.repeat(MAX_SERVER_TEXT + 10);
    const result = parseKpasswdResult(2, utf8(long));
    assert.equal(Array.from(result.text).length, MAX_SERVER_TEXT);
    assert.doesNotMatch(result.text, /[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  test('a refusal stated past the cap is still recognised', () => {
    const text = `${'-'.repeat(2000)}\nPassword reuse forbidden`;
    assert.deepEqual(parseKpasswdResult(4, utf8(text)).reasons, [{ kind: 'reused' }]);
  });

  test('non-ASCII text is passed on unchanged', () => {
    const text = 'Le mot de passe est trop court — choisissez-en un plus long.';
    assert.equal(parseKpasswdResult(4, utf8(text)).text, text);
  });
});

describe('MIT too-soon date', () => {
  const tooSoon = (date: string): PolicyReason | undefined =>
    parseKpasswdResult(
      4,
      utf8(
        'Password cannot be changed because it was changed too recently.\n' +
          `Please wait until ${date} before you change it.\n` +
          'If you need to change your password before then, contact your system\n' +
          'security administrator.',
      ),
    ).reasons[0];

  test('a ctime date is read as UTC', () => {
    const reason = parseKpasswdResult(
      4,
      utf8('Please wait until Fri Dec  4 16:10:00 2026 before you change it.'),
    ).reasons[0];
    assert.equal(reason?.kind, 'too_soon');
    assert.equal(
      reason?.kind === 'too_soon' ? reason.until?.toISOString() : undefined,
      '2026-12-04T16:10:00.000Z',
    );
  });

  test('two-digit days parse too', () => {
    const reason = tooSoon('Tue Nov 17 08:05:09 2026');
    assert.deepEqual(plainReasons(reason ? [reason] : []), [
      { kind: 'too_soon', until: '2026-11-17T08:05:09.000Z' },
    ]);
  });

  for (const bad of [
    'Thu Dec  4 16:10:00 2026',
    'Mon Feb 30 10:00:00 2026',
    'Fri Dec  4 24:10:00 2026',
    'Fri Dek  4 16:10:00 2026',
    '2026-12-04T16:10:00Z',
    'soon',
  ]) {
    test(`an unparsable date leaves until undefined: ${bad}`, () => {
      assert.deepEqual(tooSoon(bad), { kind: 'too_soon' });
    });
  }
});

describe('describeReason', () => {
  const cases: Array<[PolicyReason, string]> = [
    [{ kind: 'too_short', minLength: 12 }, 'The new password must be at least 12 characters long.'],
    [{ kind: 'too_short', minLength: 1 }, 'The new password must be at least 1 character long.'],
    [{ kind: 'too_short' }, 'The new password is too short.'],
    [
      { kind: 'too_few_classes', minClasses: 2 },
      'The new password must mix at least 2 kinds of characters ' +
        '(lower-case letters, upper-case letters, digits, punctuation).',
    ],
    [{ kind: 'reused', history: 1 }, 'The new password must differ from the previous password.'],
    [{ kind: 'reused', history: 5 }, 'The new password must differ from the previous 5 passwords.'],
    [{ kind: 'reused' }, 'The new password was used before; please choose a new one.'],
    [
      { kind: 'too_soon', until: new Date('2026-12-04T16:10:00Z') },
      'The password was changed too recently; it can be ' +
        'changed again after 4 December 2026 at 16:10 UTC.',
    ],
    [
      { kind: 'too_soon' },
      'The password was changed too recently; please wait before changing it again.',
    ],
    [
      { kind: 'dictionary' },
      'The new password is too easy to guess: it is a common word or the name of the account.',
    ],
    [{ kind: 'other' }, 'The new password does not meet the password policy.'],
  ];

  for (const [reason, sentence] of cases) {
    test(`${reason.kind} ${JSON.stringify(reason)}`, () => {
      assert.equal(describeReason(reason), sentence);
    });
  }
});
