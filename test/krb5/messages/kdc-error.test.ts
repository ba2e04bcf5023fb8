import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { DecodeError, KdcError } from '../../../src/krb5/errors.js';
import {
  decodeKdcReply,
  encodeAsRep,
  encodeKrbError,
  encodeMethodData,
  encodeTicket,
  toKdcError,
} from '../../../src/krb5/messages/index.js';
import type { KrbError } from '../../../src/krb5/messages/index.js';

const base: KrbError = {
  stime: new Date('2026-06-01T12:00:00Z'),
  susec: 987654,
  errorCode: 24,
  realm: 'EXAMPLE.COM',
  sname: { nameType: 2, nameString: ['krbtgt', 'EXAMPLE.COM'] },
};

describe('toKdcError', () => {
  it('maps code, name, e-text and server time', () => {
    const error = toKdcError({ ...base, eText: 'bad' });
    assert.ok(error instanceof KdcError);
    assert.equal(error.errorCode, 24);
    assert.equal(error.errorName, 'KDC_ERR_PREAUTH_FAILED');
    assert.equal(error.eText, 'bad');
    assert.equal(error.serverTime?.toISOString(), '2026-06-01T12:00:00.987Z');
    assert.equal(error.eData, undefined);
    assert.equal(error.padata, undefined);
  });

  it('decodes METHOD-DATA e-data into padata and keeps the raw bytes', () => {
    const eData = encodeMethodData([
      { padataType: 19, padataValue: Uint8Array.of(1, 2) },
      { padataType: 133, padataValue: new Uint8Array(0) },
    ]);
    const error = toKdcError({ ...base, errorCode: 25, eData });
    assert.deepStrictEqual(error.eData, eData);
    assert.deepStrictEqual(error.padata, [
      { type: 19, value: Uint8Array.of(1, 2) },
      { type: 133, value: new Uint8Array(0) },
    ]);
  });

  it('leaves padata absent, without throwing, when e-data is something else', () => {
    for (const eData of [Uint8Array.of(0, 4), Uint8Array.of(0x30, 0x80), new Uint8Array(0)]) {
      const error = toKdcError({ ...base, errorCode: 60, eData });
      assert.equal(error.padata, undefined);
      assert.deepStrictEqual(error.eData, eData);
      assert.equal(error.errorName, 'KRB_ERR_GENERIC');
    }
  });

  it('names unknown codes UNKNOWN_<n>', () => {
    assert.equal(toKdcError({ ...base, errorCode: 1234 }).errorName, 'UNKNOWN_1234');
  });
});

describe('decodeKdcReply', () => {
  it('chooses by the outer APPLICATION tag', () => {
    const krbError = decodeKdcReply(encodeKrbError(base));
    assert.equal(krbError.kind, 'KRB-ERROR');
    assert.deepStrictEqual(krbError.value, base);

    const fields = {
      tktVno: 5,
      realm: 'EXAMPLE.COM',
      sname: base.sname,
      encPart: { etype: 18, cipher: Uint8Array.of(1) },
    };
    const ticket = { ...fields, der: encodeTicket(fields) };
    const asRep = {
      crealm: 'EXAMPLE.COM',
      cname: { nameType: 1, nameString: ['a'] },
      ticket,
      encPart: { etype: 18, cipher: Uint8Array.of(2) },
    };
    const reply = decodeKdcReply(encodeAsRep(asRep));
    assert.equal(reply.kind, 'AS-REP');
    assert.deepStrictEqual(reply.value, asRep);
  });

  it('refuses a TGS-REP, a KRB-ERROR with the wrong msg-type and garbage', () => {
    const asTgs = encodeKrbError(base);
    asTgs[0] = 0x6d; // [APPLICATION 13]
    assert.throws(() => decodeKdcReply(asTgs), DecodeError);

    const wrongMsgType = encodeKrbError(base);
    // pvno [0] INTEGER 5 then msg-type [1] INTEGER 30 at a fixed place after the headers.
    const at = Buffer.from(wrongMsgType).indexOf(Buffer.from('a10302011e', 'hex'));
    wrongMsgType[at + 4] = 0x1f;
    assert.throws(() => decodeKdcReply(wrongMsgType), /msg-type is 31, expected 30/);

    assert.throws(() => decodeKdcReply(Uint8Array.of(1, 2, 3)), DecodeError);
  });
});
