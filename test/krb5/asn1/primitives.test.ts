/** Hand-checked DER byte vectors for the primitives (X.690 section 8 and 10, RFC 4120 5.2). */

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  decodeWhole,
  encodeBoolean,
  encodeInteger,
  encodeKerberosFlags,
  encodeKerberosString,
  encodeKerberosTime,
  encodeLength,
  encodeOctetString,
  encodeSequence,
  encodeExplicit,
  encodeApplication,
  readBoolean,
  readInt32,
  readInteger,
  readKerberosFlags,
  readKerberosString,
  readKerberosTime,
  readOctetString,
  readSeqNumber,
  readUInt32,
} from '../../../src/krb5/asn1/der.js';
import { hex, toHex } from './helpers.js';

describe('DER lengths', () => {
  const cases: [number, string][] = [
    [0, '00'],
    [127, '7f'],
    [128, '8180'],
    [255, '81ff'],
    [256, '820100'],
    [65535, '82ffff'],
    [65536, '83010000'],
    [0xffffff, '83ffffff'],
    [0x1000000, '8401000000'],
    [0xffffffff, '84ffffffff'],
  ];
  for (const [length, expected] of cases) {
    it(`writes ${length} as ${expected}`, () => {
      assert.equal(toHex(encodeLength(length)), expected);
    });
  }

  it('refuses lengths DER cannot carry here', () => {
    for (const length of [-1, 0.5, 2 ** 32, NaN]) {
      assert.throws(() => encodeLength(length), RangeError, String(length));
    }
  });

  for (const [length, header] of [
    [127, '047f'],
    [128, '048180'],
    [256, '04820100'],
  ] as const) {
    it(`reads back an OCTET STRING of ${length} bytes with header ${header}`, () => {
      const content = new Uint8Array(length).fill(0x5a);
      const encoded = encodeOctetString(content);
      assert.equal(toHex(encoded.subarray(0, header.length / 2)), header);
      assert.equal(encoded.length, header.length / 2 + length);
      assert.deepStrictEqual(decodeWhole(encoded, 'T', readOctetString), content);
    });
  }
});

describe('INTEGER', () => {
  const cases: [number, string][] = [
    [0, '020100'],
    [1, '020101'],
    [127, '02017f'],
    [128, '02020080'],
    [255, '020200ff'],
    [256, '02020100'],
    [-1, '0201ff'],
    [-128, '020180'],
    [-129, '0202ff7f'],
    [-256, '0202ff00'],
    [0x7fffffff, '02047fffffff'],
    [-0x80000000, '020480000000'],
    [0x80000000, '02050080000000'],
    [0xffffffff, '020500ffffffff'],
  ];
  it('encodes integers beyond 32 bits in as few octets as keep the sign', () => {
    assert.equal(toHex(encodeInteger(Number.MAX_SAFE_INTEGER)), '02071fffffffffffff');
    assert.equal(toHex(encodeInteger(-Number.MAX_SAFE_INTEGER)), '0207e0000000000001');
    assert.equal(toHex(encodeInteger(2 ** 40)), '0206010000000000');
    assert.throws(() => encodeInteger(2 ** 53), RangeError);
  });

  for (const [value, expected] of cases) {
    it(`encodes ${value} as ${expected} and reads it back`, () => {
      assert.equal(toHex(encodeInteger(value)), expected);
      const read = decodeWhole(hex(expected), 'T', (r) => readInteger(r, -0x80000000, 0xffffffff));
      assert.equal(read, value);
    });
  }

  it('reads Int32 and UInt32 bounds', () => {
    assert.equal(decodeWhole(hex('020480000000'), 'T', readInt32), -0x80000000);
    assert.equal(decodeWhole(hex('020500ffffffff'), 'T', readUInt32), 0xffffffff);
  });

  it('reads a negative seq-number as its unsigned value (MIT compatibility)', () => {
    assert.equal(decodeWhole(hex('0201ff'), 'T', readSeqNumber), 0xffffffff);
    assert.equal(decodeWhole(hex('020480000000'), 'T', readSeqNumber), 0x80000000);
  });
});

describe('KerberosFlags (BIT STRING)', () => {
  it('writes forwardable, canonicalize and renewable-ok as bits 1, 15 and 27', () => {
    // RFC 4120 5.2.8: bit 0 is the most significant bit of the first octet.
    const flags = (0x80000000 >>> 1) | (0x80000000 >>> 15) | (0x80000000 >>> 27);
    assert.equal(toHex(encodeKerberosFlags(flags >>> 0)), '030500' + '40010010');
    assert.equal(decodeWhole(hex('03050040010010'), 'T', readKerberosFlags), 0x40010010);
  });

  it('reads bit 0 as the top bit of an unsigned number', () => {
    assert.equal(decodeWhole(hex('03050080000000'), 'T', readKerberosFlags), 0x80000000);
    assert.equal(toHex(encodeKerberosFlags(0xffffffff)), '030500ffffffff');
  });

  it('reads a longer BIT STRING by its first 32 bits', () => {
    assert.equal(decodeWhole(hex('0306004000000180'), 'T', readKerberosFlags), 0x40000001);
    assert.equal(decodeWhole(hex('0306044000000110'), 'T', readKerberosFlags), 0x40000001);
  });
});

describe('KerberosTime', () => {
  it('writes YYYYMMDDHHMMSSZ in UTC and drops milliseconds', () => {
    const encoded = encodeKerberosTime(new Date('2026-12-04T16:11:49.987Z'));
    assert.equal(toHex(encoded), '180f' + Buffer.from('20261204161149Z').toString('hex'));
  });

  it('reads times back as UTC dates', () => {
    const read = (text: string): string =>
      decodeWhole(encodeKerberosTime(new Date(text)), 'T', readKerberosTime).toISOString();
    assert.equal(read('2026-12-04T16:11:49Z'), '2026-12-04T16:11:49.000Z');
    assert.equal(read('1970-01-01T00:00:00Z'), '1970-01-01T00:00:00.000Z');
    assert.equal(read('2024-02-29T23:59:59Z'), '2024-02-29T23:59:59.000Z');
    assert.equal(read('9999-12-31T23:59:59Z'), '9999-12-31T23:59:59.000Z');
  });

  it('handles years below 100 without mapping them to 19xx', () => {
    const bytes = hex('180f' + Buffer.from('00050607080910Z').toString('hex'));
    const date = decodeWhole(bytes, 'T', readKerberosTime);
    assert.equal(date.getUTCFullYear(), 5);
    assert.equal(toHex(encodeKerberosTime(date)), toHex(bytes));
  });

  it('refuses to write an invalid Date or a five-digit year', () => {
    assert.throws(() => encodeKerberosTime(new Date(NaN)), RangeError);
    assert.throws(() => encodeKerberosTime(new Date('+010000-01-01T00:00:00Z')), RangeError);
  });
});

describe('KerberosString, OCTET STRING, BOOLEAN', () => {
  it('writes a GeneralString as UTF-8', () => {
    assert.equal(toHex(encodeKerberosString('alice')), '1b05616c696365');
    assert.equal(toHex(encodeKerberosString('é')), '1b02c3a9');
    assert.equal(decodeWhole(hex('1b02c3a9'), 'T', readKerberosString), 'é');
  });

  it('keeps a leading byte-order mark so bytes round-trip', () => {
    assert.equal(decodeWhole(hex('1b04efbbbf41'), 'T', readKerberosString), '\ufeffA');
  });

  it('reads an empty OCTET STRING as a fresh plain Uint8Array', () => {
    const input = Buffer.from('0400', 'hex');
    const value = decodeWhole(input, 'T', readOctetString);
    assert.equal(value.length, 0);
    assert.equal(Object.getPrototypeOf(value), Uint8Array.prototype);
  });

  it('writes and reads BOOLEAN as 0x00 / 0xFF', () => {
    assert.equal(toHex(encodeBoolean(true)), '0101ff');
    assert.equal(toHex(encodeBoolean(false)), '010100');
    assert.equal(decodeWhole(hex('0101ff'), 'T', readBoolean), true);
    assert.equal(decodeWhole(hex('010100'), 'T', readBoolean), false);
  });
});

describe('constructed values', () => {
  it('writes explicit context and APPLICATION tags around a SEQUENCE', () => {
    const inner = encodeSequence([encodeExplicit(0, encodeInteger(5)), undefined]);
    assert.equal(toHex(inner), '3005a003020105');
    assert.equal(toHex(encodeApplication(30, inner)), '7e073005a003020105');
  });
});
