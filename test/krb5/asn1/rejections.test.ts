/** Inputs a strict DER decoder must refuse, each with a DecodeError naming the offset. */

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  DerReader,
  MAX_DEPTH,
  SEQUENCE,
  decodeWhole,
  readBoolean,
  readInt32,
  readInteger,
  readKerberosFlags,
  readKerberosString,
  readKerberosTime,
  readMicroseconds,
  readOctetString,
  readUInt32,
} from '../../../src/krb5/asn1/der.js';
import {
  decodeAsRep,
  decodeEncKdcRepPart,
  decodeKdcReply,
  decodeKrbError,
  decodePrincipalName,
  encodeAsReq,
  encodeKrbError,
  encodePrincipalName,
} from '../../../src/krb5/messages/index.js';
import { assertDecodeError, hex } from './helpers.js';

const time = (text: string): Uint8Array => {
  const content = Buffer.from(text, 'latin1');
  return Uint8Array.from([0x18, content.length, ...content]);
};

describe('length octets', () => {
  it('refuses a long-form length below 128 (non-minimal)', () => {
    assertDecodeError(() => decodeWhole(hex('048105'), 'T', readOctetString), /non-minimal length/);
  });

  it('refuses a long-form length with a leading zero octet', () => {
    const bytes = Uint8Array.from([0x04, 0x82, 0x00, 0x80, ...new Uint8Array(0x80)]);
    assertDecodeError(() => decodeWhole(bytes, 'T', readOctetString), /non-minimal length/);
  });

  it('refuses the indefinite length', () => {
    assertDecodeError(
      () => decodeWhole(hex('3080020105 0000'), 'T', (r) => r.enter(SEQUENCE)),
      /indefinite length/,
    );
  });

  it('refuses a length running past the input', () => {
    assertDecodeError(
      () => decodeWhole(hex('0405 0102'), 'T', readOctetString),
      /length 5 runs past the 2 bytes left/,
    );
  });

  it('refuses a length running past its enclosing value', () => {
    // The SEQUENCE says 3 bytes; the INTEGER inside claims 4.
    const read = (r: DerReader): number => readInt32(r.enter(SEQUENCE));
    assertDecodeError(() => decodeWhole(hex('3003 0204 01 0203'), 'T', read), /runs past/);
  });

  it('refuses a truncated length and more than four length octets', () => {
    assertDecodeError(() => decodeWhole(hex('0482 01'), 'T', readOctetString), /truncated length/);
    assertDecodeError(
      () => decodeWhole(hex('04850100000000'), 'T', readOctetString),
      /length too large/,
    );
  });

  it('refuses a huge claimed length without allocating it', () => {
    const before = process.memoryUsage().arrayBuffers;
    for (const header of ['7e847fffffff', '30 84 ffffffff', '04 84 7fffffff 00']) {
      assertDecodeError(() => decodeKrbError(hex(header)), /runs past/);
      assertDecodeError(() => decodeKdcReply(hex(header)), /runs past/);
    }
    assert.ok(process.memoryUsage().arrayBuffers - before < 16 * 1024 * 1024);
  });
});

describe('tags', () => {
  it('refuses a wrong universal tag', () => {
    assertDecodeError(
      () => decodeWhole(hex('040100'), 'T', readInt32),
      /expected INTEGER, found OCTET STRING/,
    );
  });

  it('refuses a constructed form where DER requires primitive', () => {
    assertDecodeError(
      () => decodeWhole(hex('2403 040100'), 'T', readOctetString),
      /expected OCTET STRING/,
    );
  });

  it('refuses a wrong APPLICATION tag', () => {
    const asReq = encodeAsReq({
      reqBody: { kdcOptions: 0, realm: 'R', till: new Date(0), nonce: 1, etype: [18] },
    });
    assertDecodeError(
      () => decodeKrbError(asReq),
      /expected \[APPLICATION 30\], found \[APPLICATION 10\]/,
    );
    assertDecodeError(() => decodeAsRep(asReq), /expected \[APPLICATION 11\]/);
    assertDecodeError(
      () => decodeKdcReply(asReq),
      /expected AS-REP or KRB-ERROR, found \[APPLICATION 10\]/,
    );
    assertDecodeError(() => decodeEncKdcRepPart(asReq), /expected \[APPLICATION 25\]/);
  });

  it('parses multi-byte tag numbers and refuses them as unexpected', () => {
    assertDecodeError(
      () => decodeWhole(hex('1f8148 00'), 'T', readOctetString),
      /found UNIVERSAL 200/,
    );
    assertDecodeError(
      () => decodeWhole(hex('1f1e 00'), 'T', readOctetString),
      /non-minimal tag number/,
    );
    assertDecodeError(
      () => decodeWhole(hex('1f8001 00'), 'T', readOctetString),
      /non-minimal tag number/,
    );
    assertDecodeError(() => decodeWhole(hex('1f81'), 'T', readOctetString), /truncated tag/);
    assertDecodeError(
      () => decodeWhole(hex('1f8181818100'), 'T', readOctetString),
      /tag number too large/,
    );
  });

  it('refuses empty input and a missing value', () => {
    assertDecodeError(() => decodeKrbError(new Uint8Array(0)), /missing \[APPLICATION 30\]/);
    assertDecodeError(() => decodeKdcReply(new Uint8Array(0)), /found nothing/);
  });
});

describe('structure', () => {
  const name = encodePrincipalName({ nameType: 1, nameString: ['a'] });

  it('refuses trailing bytes after the outer value', () => {
    assertDecodeError(
      () => decodePrincipalName(Uint8Array.from([...name, 0x00])),
      /trailing bytes/,
    );
    assertDecodeError(() => decodeWhole(hex('020101 020101'), 'T', readInt32), /trailing bytes/);
  });

  it('refuses an unknown extension field', () => {
    // name-type [0], name-string [1], then an unknown [2] INTEGER.
    const bytes = hex('3012 a003020101 a1063004 1b026162 a203020100');
    assertDecodeError(
      () => decodePrincipalName(bytes),
      /^PrincipalName: unexpected \[2\] at offset 15$/,
    );
  });

  it('refuses fields out of order, repeated or missing', () => {
    assertDecodeError(
      () => decodePrincipalName(hex('300e a1073005 1b03616263 a003020101')),
      /missing \[0\] name-type/,
    );
    assertDecodeError(
      () => decodePrincipalName(hex('3005 a003020101')),
      /missing \[1\] name-string \(found end of SEQUENCE\)/,
    );
    assertDecodeError(
      () => decodePrincipalName(hex('3013 a003020101 a1053003 1b0161 a1053003 1b0162')),
      /unexpected \[1\]/,
    );
  });

  it('names the path to the failing field', () => {
    const error = encodeKrbError({
      stime: new Date(0),
      susec: 0,
      errorCode: 6,
      realm: 'R',
      sname: { nameType: 2, nameString: ['krbtgt', 'R'] },
    });
    // Corrupt the last name-string byte into invalid UTF-8.
    const bad = Uint8Array.from(error);
    bad[bad.length - 1] = 0xff;
    assertDecodeError(
      () => decodeKrbError(bad),
      /^KRB-ERROR\.sname\.name-string: KerberosString is not valid UTF-8/,
    );
  });

  it(`refuses nesting deeper than ${MAX_DEPTH}`, () => {
    const nested = (depth: number): Uint8Array => {
      let bytes = new Uint8Array(0);
      for (let i = 0; i < depth; i++) bytes = Uint8Array.from([0x30, bytes.length, ...bytes]);
      return bytes;
    };
    const descend = (r: DerReader): void => {
      const inner = r.enter(SEQUENCE);
      if (!inner.atEnd()) descend(inner);
    };
    assert.doesNotThrow(() => decodeWhole(nested(MAX_DEPTH), 'T', descend));
    assertDecodeError(
      () => decodeWhole(nested(MAX_DEPTH + 1), 'T', descend),
      /nesting deeper than 16/,
    );
  });
});

describe('INTEGER', () => {
  it('refuses non-minimal encodings', () => {
    assertDecodeError(() => decodeWhole(hex('02020001'), 'T', readInt32), /non-minimal INTEGER/);
    assertDecodeError(() => decodeWhole(hex('0202ff80'), 'T', readInt32), /non-minimal INTEGER/);
    assertDecodeError(() => decodeWhole(hex('0200'), 'T', readInt32), /empty INTEGER/);
  });

  it('refuses values out of the Kerberos ranges', () => {
    assertDecodeError(() => decodeWhole(hex('02050080000000'), 'T', readInt32), /out of range/);
    assertDecodeError(() => decodeWhole(hex('0205ff7fffffff'), 'T', readInt32), /out of range/);
    assertDecodeError(() => decodeWhole(hex('0201ff'), 'T', readUInt32), /INTEGER -1 out of range/);
    assertDecodeError(() => decodeWhole(hex('0205 0100000000'), 'T', readUInt32), /out of range/);
    assertDecodeError(
      () => decodeWhole(hex('02030f4240'), 'T', readMicroseconds),
      /1000000 out of range 0\.\.999999/,
    );
    assertDecodeError(
      () => decodeWhole(hex('0209 010000000000000000'), 'T', (r) => readInteger(r, 0, 1)),
      /out of range/,
    );
  });
});

describe('KerberosTime', () => {
  const bad: [string, string][] = [
    ['20261304000000Z', 'month 13'],
    ['20260230000000Z', 'February 30'],
    ['20230229000000Z', 'February 29 of a common year'],
    ['20260100000000Z', 'day 0'],
    ['20260101240000Z', 'hour 24'],
    ['20260101006000Z', 'minute 60'],
    ['20260101000060Z', 'second 60'],
  ];
  for (const [text, what] of bad) {
    it(`refuses ${text} (${what})`, () => {
      assertDecodeError(() => decodeWhole(time(text), 'T', readKerberosTime), /not a valid date/);
    });
  }

  const malformed: [string, string][] = [
    ['20260101000000', 'missing Z'],
    ['20260101000000.5Z', 'fractional seconds'],
    ['20260101000000+0100', 'a time zone offset'],
    ['20260101000000z', 'a lower-case z'],
    ['2026010100000Z', 'a missing digit'],
    ['2026-101000000Z', 'a non-digit'],
    ['', 'an empty value'],
  ];
  for (const [text, what] of malformed) {
    it(`refuses '${text}' (${what})`, () => {
      assertDecodeError(
        () => decodeWhole(time(text), 'T', readKerberosTime),
        /must be YYYYMMDDHHMMSSZ/,
      );
    });
  }
});

describe('strings, flags and booleans', () => {
  it('refuses invalid UTF-8 in a KerberosString', () => {
    for (const bytes of ['1b01ff', '1b02c328', '1b03eda080', '1b01c3', '1b04f4908080']) {
      assertDecodeError(() => decodeWhole(hex(bytes), 'T', readKerberosString), /not valid UTF-8/);
    }
  });

  it('refuses malformed KerberosFlags', () => {
    assertDecodeError(() => decodeWhole(hex('0300'), 'T', readKerberosFlags), /empty BIT STRING/);
    assertDecodeError(
      () => decodeWhole(hex('030400400000'), 'T', readKerberosFlags),
      /shorter than 32 bits/,
    );
    assertDecodeError(
      () => decodeWhole(hex('03050140000000'), 'T', readKerberosFlags),
      /shorter than 32 bits/,
    );
    assertDecodeError(
      () => decodeWhole(hex('0306084000000100'), 'T', readKerberosFlags),
      /above 7/,
    );
    assertDecodeError(
      () => decodeWhole(hex('0306044000000118'), 'T', readKerberosFlags),
      /padding bits/,
    );
    assertDecodeError(
      () => decodeWhole(hex('030101'), 'T', readKerberosFlags),
      /empty BIT STRING with unused bits/,
    );
  });

  it('refuses non-DER booleans', () => {
    assertDecodeError(() => decodeWhole(hex('010101'), 'T', readBoolean), /0x00 or 0xFF/);
    assertDecodeError(() => decodeWhole(hex('01020000'), 'T', readBoolean), /one octet/);
  });
});
