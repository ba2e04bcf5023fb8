import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  decrypt,
  encrypt,
  enctypeName,
  isSupportedEnctype,
  makeChecksum,
  randomKey,
  SUPPORTED_ENCTYPES,
  verifyChecksum,
} from '../../../src/krb5/crypto/index.js';
import {
  ConfigError,
  IntegrityError,
  NotSupportedError,
  ProtocolError,
} from '../../../src/krb5/errors.js';
import * as keyUsages from '../../../src/krb5/iana/key-usages.js';
import { hex } from './vectors.js';

const USAGES: [string, number][] = Object.entries(keyUsages);
const SIZES = [0, 1, 15, 16, 17, 31, 32, 33, 100];
const MAC_LENGTH: Record<number, number> = { 17: 12, 18: 12, 19: 16, 20: 24 };
const KEY_LENGTH: Record<number, number> = { 17: 16, 18: 32, 19: 16, 20: 32 };

function isIntegrityError(err: unknown): boolean {
  assert.ok(err instanceof IntegrityError);
  assert.equal(err.code, 'ERR_INTEGRITY');
  assert.equal(err.message, 'integrity check failed');
  return true;
}

test('the supported enctypes, in preference order', () => {
  assert.deepEqual(SUPPORTED_ENCTYPES, [18, 17, 20, 19]);
  assert.ok(Object.isFrozen(SUPPORTED_ENCTYPES));
  for (const etype of [17, 18, 19, 20]) assert.equal(isSupportedEnctype(etype), true);
  for (const etype of [1, 3, 16, 23, 25, 26, 0, -1]) assert.equal(isSupportedEnctype(etype), false);
});

test('enctype names use the IANA spelling', () => {
  assert.equal(enctypeName(17), 'aes128-cts-hmac-sha1-96');
  assert.equal(enctypeName(18), 'aes256-cts-hmac-sha1-96');
  assert.equal(enctypeName(19), 'aes128-cts-hmac-sha256-128');
  assert.equal(enctypeName(20), 'aes256-cts-hmac-sha384-192');
  assert.equal(enctypeName(23), 'rc4-hmac');
  assert.equal(enctypeName(16), 'des3-cbc-sha1-kd');
  assert.equal(enctypeName(4242), 'unknown(4242)');
});

test('key usages are the RFC 4120 section 7.5.1 numbers', () => {
  assert.equal(keyUsages.AS_REQ_PA_ENC_TIMESTAMP, 1);
  assert.equal(keyUsages.KDC_REP_TICKET, 2);
  assert.equal(keyUsages.AS_REP_ENCPART, 3);
  assert.equal(keyUsages.TGS_REP_ENCPART_SESSION_KEY, 8);
  assert.equal(keyUsages.AP_REQ_AUTHENTICATOR_CKSUM, 10);
  assert.equal(keyUsages.AP_REQ_AUTHENTICATOR, 11);
  assert.equal(keyUsages.AP_REP_ENCPART, 12);
  assert.equal(keyUsages.KRB_PRIV_ENCPART, 13);
  assert.ok(USAGES.length >= 29);
  assert.equal(new Set(USAGES.map(([, n]) => n)).size, USAGES.length);
});

for (const etype of SUPPORTED_ENCTYPES) {
  const name = enctypeName(etype);

  test(`${name}: random keys have the right length and differ`, () => {
    const a = randomKey(etype);
    const b = randomKey(etype);
    assert.equal(a.keytype, etype);
    assert.equal(a.keyvalue.length, KEY_LENGTH[etype]);
    assert.notEqual(hex(a.keyvalue), hex(b.keyvalue));
  });

  test(`${name}: round trip for every defined usage and several sizes`, () => {
    const key = randomKey(etype);
    for (const [usageName, usage] of USAGES) {
      for (const size of SIZES) {
        const plaintext = Uint8Array.from({ length: size }, (_, i) => (i * 31 + usage) & 0xff);
        const ciphertext = encrypt(key, usage, plaintext);
        assert.equal(ciphertext.length, 16 + size + MAC_LENGTH[etype]!, usageName);
        assert.equal(hex(decrypt(key, usage, ciphertext)), hex(plaintext), usageName);
      }
    }
  });

  test(`${name}: the confounder makes every encryption different`, () => {
    const key = randomKey(etype);
    const plaintext = new TextEncoder().encode('same message');
    assert.notEqual(hex(encrypt(key, 11, plaintext)), hex(encrypt(key, 11, plaintext)));
  });

  test(`${name}: flipping any bit of any byte of the ciphertext gives IntegrityError`, () => {
    const key = randomKey(etype);
    const ciphertext = encrypt(key, 3, new TextEncoder().encode('EncASRepPart bytes!'));
    for (let i = 0; i < ciphertext.length; i++) {
      for (const bit of [0x01, 0x80]) {
        const tampered = Uint8Array.from(ciphertext);
        tampered[i]! ^= bit;
        assert.throws(() => decrypt(key, 3, tampered), isIntegrityError, `byte ${i}`);
      }
    }
  });

  test(`${name}: truncated or extended ciphertexts give IntegrityError`, () => {
    const key = randomKey(etype);
    const ciphertext = encrypt(key, 12, new TextEncoder().encode('EncAPRepPart'));
    for (let length = 0; length < ciphertext.length; length++) {
      assert.throws(() => decrypt(key, 12, ciphertext.subarray(0, length)), isIntegrityError);
      assert.throws(
        () => decrypt(key, 12, ciphertext.subarray(ciphertext.length - length)),
        isIntegrityError,
      );
    }
    const extended = new Uint8Array(ciphertext.length + 1);
    extended.set(ciphertext);
    assert.throws(() => decrypt(key, 12, extended), isIntegrityError);
  });

  test(`${name}: the wrong key or usage gives IntegrityError`, () => {
    const key = randomKey(etype);
    const ciphertext = encrypt(key, 13, new TextEncoder().encode('KRB-PRIV'));
    assert.throws(() => decrypt(key, 12, ciphertext), isIntegrityError);
    assert.throws(() => decrypt(randomKey(etype), 13, ciphertext), isIntegrityError);
  });

  test(`${name}: checksums verify, and fail on tampered data, checksum, key or usage`, () => {
    const key = randomKey(etype);
    const data = new TextEncoder().encode('KDC-REQ-BODY');
    const cksum = makeChecksum(key, 6, data);
    assert.equal(cksum.checksum.length, MAC_LENGTH[etype]);
    verifyChecksum(key, 6, data, cksum);

    for (let i = 0; i < data.length; i++) {
      const tampered = Uint8Array.from(data);
      tampered[i]! ^= 1;
      assert.throws(() => verifyChecksum(key, 6, tampered, cksum), isIntegrityError);
    }
    const bad = Uint8Array.from(cksum.checksum);
    bad[0]! ^= 1;
    assert.throws(
      () => verifyChecksum(key, 6, data, { ...cksum, checksum: bad }),
      isIntegrityError,
    );
    assert.throws(
      () => verifyChecksum(key, 6, data, { ...cksum, checksum: cksum.checksum.subarray(1) }),
      isIntegrityError,
    );
    assert.throws(() => verifyChecksum(key, 10, data, cksum), isIntegrityError);
    assert.throws(() => verifyChecksum(randomKey(etype), 6, data, cksum), isIntegrityError);
  });

  test(`${name}: a key of the wrong length is refused with a clear error`, () => {
    const short = { keytype: etype, keyvalue: new Uint8Array(KEY_LENGTH[etype]! - 1) };
    const expected = (err: unknown): boolean => {
      assert.ok(err instanceof ProtocolError);
      assert.equal(
        err.message,
        `a ${name} key must be ${KEY_LENGTH[etype]} bytes, got ${KEY_LENGTH[etype]! - 1}`,
      );
      return true;
    };
    assert.throws(() => encrypt(short, 1, new Uint8Array(4)), expected);
    assert.throws(() => decrypt(short, 1, new Uint8Array(64)), expected);
    assert.throws(() => makeChecksum(short, 1, new Uint8Array(4)), expected);
  });
}

test('a checksum of another type is refused with NotSupportedError', () => {
  const key = randomKey(18);
  const cksum = makeChecksum(key, 6, new Uint8Array(3));
  assert.equal(cksum.cksumtype, 16);
  assert.throws(
    () => verifyChecksum(key, 6, new Uint8Array(3), { ...cksum, cksumtype: 7 }),
    /checksum type 7 \(rsa-md5\) does not go with a aes256-cts-hmac-sha1-96 key/,
  );
});

test('unsupported enctypes give NotSupportedError naming the enctype', () => {
  for (const [etype, name] of [
    [23, 'rc4-hmac'],
    [16, 'des3-cbc-sha1-kd'],
    [1, 'des-cbc-crc'],
    [99, 'unknown(99)'],
  ] as const) {
    const key = { keytype: etype, keyvalue: new Uint8Array(16) };
    const expected = (err: unknown): boolean => {
      assert.ok(err instanceof NotSupportedError);
      assert.match(
        err.message,
        new RegExp(`^enctype ${etype} \\(${name.replace(/[()]/g, '\\$&')}\\) is not supported`),
      );
      return true;
    };
    assert.throws(() => randomKey(etype), expected);
    assert.throws(() => encrypt(key, 1, new Uint8Array(1)), expected);
    assert.throws(() => decrypt(key, 1, new Uint8Array(64)), expected);
    assert.throws(() => makeChecksum(key, 1, new Uint8Array(1)), expected);
    assert.throws(
      () =>
        verifyChecksum(key, 1, new Uint8Array(1), { cksumtype: 1, checksum: new Uint8Array(4) }),
      expected,
    );
  }
});

test('key usages outside 0..2^32-1 are refused with ConfigError', () => {
  const key = randomKey(17);
  for (const usage of [-1, 1.5, 2 ** 32, Number.NaN]) {
    assert.throws(() => encrypt(key, usage, new Uint8Array(1)), ConfigError);
    assert.throws(() => decrypt(key, usage, new Uint8Array(64)), ConfigError);
  }
});

test('no error message carries key or plaintext bytes', () => {
  const key = { keytype: 18, keyvalue: new Uint8Array(31).fill(0xab) };
  const plaintext = new TextEncoder().encode('canary plaintext');
  const messages: string[] = [];
  for (const op of [
    () => encrypt(key, 1, plaintext),
    () => decrypt(randomKey(18), 1, plaintext),
    () => encrypt({ keytype: 23, keyvalue: key.keyvalue }, 1, plaintext),
  ]) {
    assert.throws(op, (err: unknown) => {
      assert.ok(err instanceof Error);
      messages.push(err.message);
      return true;
    });
  }
  for (const message of messages) {
    assert.doesNotMatch(message, /canary|abab|ab ab|171/i);
  }
});
