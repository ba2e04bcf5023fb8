import assert from 'node:assert/strict';
import { test } from 'node:test';

import { stringToKey } from '../../../src/krb5/crypto/index.js';
import { pbkdf2 } from '../../../src/krb5/crypto/pbkdf2.js';
import { MAX_ITERATIONS, s2kparamsFor } from '../../../src/krb5/crypto/s2kparams.js';
import { NotSupportedError, ProtocolError } from '../../../src/krb5/errors.js';
import { hex, loadVectors, unhex } from './vectors.js';

interface Rfc3962Vector {
  iterations: number;
  password: string;
  passwordUtf8Hex: string;
  salt?: string;
  saltHex?: string;
  pbkdf2Output128: string;
  aes128Key: string;
  pbkdf2Output256: string;
  aes256Key: string;
}

interface Rfc8009Vector {
  etype: number;
  iterations: number;
  password: string;
  saltHex: string;
  baseKey: string;
}

const rfc3962 = loadVectors<Rfc3962Vector>('rfc3962-string-to-key.json');
const rfc8009 = loadVectors<Rfc8009Vector>('rfc8009-string-to-key.json');

function saltOf(v: Rfc3962Vector): string | Uint8Array {
  return v.salt ?? unhex(v.saltHex!);
}

function saltBytes(v: Rfc3962Vector): Uint8Array {
  return v.salt !== undefined ? new TextEncoder().encode(v.salt) : unhex(v.saltHex!);
}

for (const v of rfc3962.vectors) {
  const name = `${v.passwordUtf8Hex.length / 2}-byte pass phrase, ${v.iterations} iterations`;

  test(`PBKDF2 output for ${name} matches ${rfc3962.source}`, async () => {
    const password = unhex(v.passwordUtf8Hex);
    assert.equal(
      hex(await pbkdf2(password, saltBytes(v), v.iterations, 16, 'sha1')),
      v.pbkdf2Output128,
    );
    assert.equal(
      hex(await pbkdf2(password, saltBytes(v), v.iterations, 32, 'sha1')),
      v.pbkdf2Output256,
    );
  });

  test(`string-to-key for ${name} matches ${rfc3962.source}`, async () => {
    assert.equal(hex(Buffer.from(v.password, 'utf8')), v.passwordUtf8Hex);
    const params = s2kparamsFor(v.iterations);

    const aes128 = await stringToKey(17, v.password, saltOf(v), params);
    assert.deepEqual(
      { ...aes128, keyvalue: hex(aes128.keyvalue) },
      { keytype: 17, keyvalue: v.aes128Key },
    );

    const aes256 = await stringToKey(18, v.password, saltOf(v), params);
    assert.deepEqual(
      { ...aes256, keyvalue: hex(aes256.keyvalue) },
      { keytype: 18, keyvalue: v.aes256Key },
    );
  });
}

for (const v of rfc8009.vectors) {
  test(`string-to-key for enctype ${v.etype} matches ${rfc8009.source}`, async () => {
    const key = await stringToKey(
      v.etype,
      v.password,
      unhex(v.saltHex),
      s2kparamsFor(v.iterations),
    );
    assert.equal(key.keytype, v.etype);
    assert.equal(hex(key.keyvalue), v.baseKey);
  });

  test(`enctype ${v.etype} defaults to ${v.iterations} iterations without parameters`, async () => {
    const key = await stringToKey(v.etype, v.password, unhex(v.saltHex));
    assert.equal(hex(key.keyvalue), v.baseKey);
  });
}

test('the RFC 3962 enctypes default to 4096 iterations', async () => {
  for (const etype of [17, 18]) {
    const implicit = await stringToKey(etype, 'password', 'EXAMPLE.COMalice');
    const explicit = await stringToKey(etype, 'password', 'EXAMPLE.COMalice', s2kparamsFor(4096));
    const other = await stringToKey(etype, 'password', 'EXAMPLE.COMalice', s2kparamsFor(4095));
    assert.equal(hex(implicit.keyvalue), hex(explicit.keyvalue));
    assert.notEqual(hex(implicit.keyvalue), hex(other.keyvalue));
  }
});

test('a string salt is its UTF-8 bytes, used verbatim', async () => {
  const salt = 'EXAMPLE.COMjosé';
  for (const etype of [17, 18, 19, 20]) {
    const fromString = await stringToKey(etype, 'pw', salt);
    const fromBytes = await stringToKey(etype, 'pw', new TextEncoder().encode(salt));
    const latin1 = await stringToKey(etype, 'pw', Buffer.from(salt, 'latin1'));
    assert.equal(hex(fromString.keyvalue), hex(fromBytes.keyvalue));
    assert.notEqual(hex(fromString.keyvalue), hex(latin1.keyvalue));
  }
});

test('a byte salt is not re-encoded, whatever bytes it holds', async () => {
  const salt = Uint8Array.of(0xff, 0x00, 0x80, 0x41);
  const key = await stringToKey(17, 'password', salt, s2kparamsFor(2));
  const tkey = await pbkdf2(new TextEncoder().encode('password'), salt, 2, 16, 'sha1');
  const viaReplacement = await stringToKey(
    17,
    'password',
    Buffer.from(salt).toString('utf8'),
    s2kparamsFor(2),
  );
  assert.equal(key.keyvalue.length, 16);
  assert.notEqual(hex(key.keyvalue), hex(tkey));
  assert.notEqual(hex(key.keyvalue), hex(viaReplacement.keyvalue));
});

test('passwords are used as their exact UTF-8 bytes: no trimming, no normalisation', async () => {
  const salt = 'EXAMPLE.COMalice';
  const keys = await Promise.all(
    ['pässword', 'pa\u0308ssword', ' pässword', 'pässword ', 'PÄSSWORD'].map(async (pw) =>
      hex((await stringToKey(18, pw, salt)).keyvalue),
    ),
  );
  assert.equal(new Set(keys).size, keys.length);
});

test('iteration counts of 0 (2^32) or above the cap are refused with ProtocolError', async () => {
  for (const params of [
    Uint8Array.of(0, 0, 0, 0),
    s2kparamsFor(MAX_ITERATIONS + 1),
    s2kparamsFor(0xffffffff),
  ]) {
    for (const etype of [17, 18, 19, 20]) {
      await assert.rejects(stringToKey(etype, 'pw', 'salt', params), (err: unknown) => {
        assert.ok(err instanceof ProtocolError);
        assert.match(err.message, /iteration count .* outside the accepted range 1\.\.16777216/);
        return true;
      });
    }
  }
});

test('string-to-key parameters that are not 4 bytes are refused with ProtocolError', async () => {
  for (const params of [new Uint8Array(0), new Uint8Array(3), new Uint8Array(5)]) {
    await assert.rejects(stringToKey(18, 'pw', 'salt', params), ProtocolError);
  }
});

test(
  'the cap itself is accepted (checked by ' + 'parsing, not by running 2^24 iterations)',
  async () => {
    const { iterationCount } = await import('../../../src/krb5/crypto/s2kparams.js');
    assert.equal(iterationCount(s2kparamsFor(MAX_ITERATIONS), 4096), 16_777_216);
    assert.equal(iterationCount(Uint8Array.of(0, 0, 0x10, 0), 4096), 4096);
    assert.equal(iterationCount(undefined, 32768), 32768);
  },
);

test('unsupported enctypes are refused with NotSupportedError naming the enctype', async () => {
  await assert.rejects(stringToKey(23, 'pw', 'salt'), (err: unknown) => {
    assert.ok(err instanceof NotSupportedError);
    assert.equal(err.code, 'ERR_NOT_SUPPORTED');
    assert.match(err.message, /enctype 23 \(rc4-hmac\)/);
    return true;
  });
  await assert.rejects(stringToKey(16, 'pw', 'salt'), /enctype 16 \(des3-cbc-sha1-kd\)/);
});

test('no error message carries the password or the salt', async () => {
  const password = 'canary-Pa55word';
  for (const [etype, params] of [
    [23, undefined],
    [18, new Uint8Array(3)],
    [18, Uint8Array.of(0, 0, 0, 0)],
  ] as const) {
    await assert.rejects(stringToKey(etype, password, 'canary-salt', params), (err: unknown) => {
      assert.ok(err instanceof Error);
      assert.doesNotMatch(`${err.message} ${err.stack}`, /canary/);
      return true;
    });
  }
});
