/**
 * Replies recorded from a real MIT KDC (test/vectors/recorded-*.json, made by
 * tools/record-kdc-replies.ts) decode to what MIT sent, and re-encode to the same bytes.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import {
  PA_ENC_TIMESTAMP,
  PA_ETYPE_INFO2,
  PA_FX_COOKIE,
  PA_FX_FAST,
} from '../../../src/krb5/iana/pa-data-types.js';
import {
  TKT_FLG_FORWARDABLE,
  TKT_FLG_INITIAL,
  hasFlag,
} from '../../../src/krb5/iana/ticket-flags.js';
import {
  decodeAsReq,
  decodeEncKdcRepPart,
  decodeEtypeInfo2,
  decodeKdcReply,
  encodeAsRep,
  encodeAsReq,
  encodeKrbError,
  toKdcError,
} from '../../../src/krb5/messages/index.js';
import type { AsRep, KrbError } from '../../../src/krb5/messages/index.js';

interface Recorded {
  readonly source: string;
  readonly realm: string;
  readonly client: string;
  readonly request: string;
  readonly reply: string;
  readonly encPartPlaintext?: string;
}

function load(name: string): Recorded & { requestBytes: Uint8Array; replyBytes: Uint8Array } {
  const url = new URL(`../../vectors/${name}.json`, import.meta.url);
  const vector = JSON.parse(readFileSync(url, 'utf8')) as Recorded;
  return {
    ...vector,
    requestBytes: new Uint8Array(Buffer.from(vector.request, 'hex')),
    replyBytes: new Uint8Array(Buffer.from(vector.reply, 'hex')),
  };
}

function krbError(bytes: Uint8Array): KrbError {
  const reply = decodeKdcReply(bytes);
  assert.equal(reply.kind, 'KRB-ERROR');
  return reply.value as KrbError;
}

describe('recorded MIT KDC replies', () => {
  it('PREAUTH_REQUIRED carries METHOD-DATA with ETYPE-INFO2 and the salt', () => {
    const vector = load('recorded-preauth-required');
    const error = krbError(vector.replyBytes);
    assert.equal(error.errorCode, 25);
    assert.equal(error.realm, 'KERBSIDE.TEST');
    assert.equal(error.crealm, 'KERBSIDE.TEST');
    assert.deepStrictEqual(error.cname, { nameType: 1, nameString: ['alice'] });
    assert.deepStrictEqual(error.sname, { nameType: 2, nameString: ['krbtgt', 'KERBSIDE.TEST'] });
    assert.equal(error.eText, 'NEEDED_PREAUTH');

    const kdcError = toKdcError(error);
    assert.equal(kdcError.code, 'ERR_KDC');
    assert.equal(kdcError.errorName, 'KDC_ERR_PREAUTH_REQUIRED');
    const types = kdcError.padata?.map((p) => p.type);
    assert.deepStrictEqual(types, [PA_FX_FAST, PA_ETYPE_INFO2, PA_ENC_TIMESTAMP, PA_FX_COOKIE]);

    const info = kdcError.padata?.find((p) => p.type === PA_ETYPE_INFO2);
    assert.ok(info);
    assert.deepStrictEqual(decodeEtypeInfo2(info.value), [
      { etype: 18, salt: 'KERBSIDE.TESTalice' },
    ]);
    assert.equal(
      kdcError.serverTime?.getTime(),
      error.stime.getTime() + Math.floor(error.susec / 1000),
    );
    assert.deepStrictEqual(encodeKrbError(error), vector.replyBytes);
  });

  it('C_PRINCIPAL_UNKNOWN has no e-data and maps to its RFC name', () => {
    const vector = load('recorded-c-principal-unknown');
    const error = krbError(vector.replyBytes);
    assert.equal(error.errorCode, 6);
    assert.equal(error.realm, 'KERBSIDE.TEST');
    assert.equal(error.eData, undefined);

    const kdcError = toKdcError(error);
    assert.equal(kdcError.errorName, 'KDC_ERR_C_PRINCIPAL_UNKNOWN');
    assert.equal(kdcError.padata, undefined);
    assert.match(kdcError.message, /^KDC error 6 KDC_ERR_C_PRINCIPAL_UNKNOWN: CLIENT_NOT_FOUND$/);
    assert.deepStrictEqual(encodeKrbError(error), vector.replyBytes);
  });

  it('an AS-REP keeps the exact Ticket bytes and re-encodes byte for byte', () => {
    const vector = load('recorded-as-rep');
    const reply = decodeKdcReply(vector.replyBytes);
    assert.equal(reply.kind, 'AS-REP');
    const rep = reply.value as AsRep;
    assert.equal(rep.crealm, 'KERBSIDE.TEST');
    assert.deepStrictEqual(rep.cname, { nameType: 1, nameString: ['bob'] });
    assert.equal(rep.ticket.realm, 'KERBSIDE.TEST');
    assert.equal(rep.ticket.encPart.etype, 18);
    assert.equal(rep.encPart.etype, 18);

    const etypeInfo = rep.padata?.find((p) => p.padataType === PA_ETYPE_INFO2);
    assert.ok(etypeInfo);
    assert.deepStrictEqual(decodeEtypeInfo2(etypeInfo.padataValue), [
      { etype: 18, salt: 'KERBSIDE.TESTbob' },
    ]);

    // The Ticket's DER is the [5] field's contents, as found in the reply.
    const hex = Buffer.from(vector.replyBytes).toString('hex');
    assert.equal(rep.ticket.der[0], 0x61);
    assert.ok(hex.includes(Buffer.from(rep.ticket.der).toString('hex')));
    assert.deepStrictEqual(encodeAsRep(rep), vector.replyBytes);
  });

  it("the AS-REP's decrypted enc-part is MIT's [APPLICATION 26] EncKDCRepPart", () => {
    const vector = load('recorded-as-rep');
    assert.ok(vector.encPartPlaintext);
    const plain = new Uint8Array(Buffer.from(vector.encPartPlaintext, 'hex'));
    assert.equal(plain[0], 0x7a);

    const part = decodeEncKdcRepPart(plain);
    const request = decodeAsReq(vector.requestBytes);
    assert.equal(part.nonce, request.reqBody.nonce);
    assert.equal(part.key.keytype, 18);
    assert.equal(part.key.keyvalue.length, 32);
    assert.equal(part.srealm, 'KERBSIDE.TEST');
    assert.deepStrictEqual(part.sname, { nameType: 2, nameString: ['krbtgt', 'KERBSIDE.TEST'] });
    assert.equal(part.keyExpiration?.toISOString(), '2030-01-02T03:04:05.000Z');
    assert.ok(hasFlag(part.flags, TKT_FLG_INITIAL));
    assert.ok(hasFlag(part.flags, TKT_FLG_FORWARDABLE));
  });

  it('our AS-REQs re-encode to the bytes MIT accepted, fields in RFC order', () => {
    for (const name of [
      'recorded-preauth-required',
      'recorded-c-principal-unknown',
      'recorded-as-rep',
    ]) {
      const vector = load(name);
      const request = decodeAsReq(vector.requestBytes);
      assert.equal(request.reqBody.realm, vector.realm);
      assert.deepStrictEqual(request.reqBody.cname?.nameString, [vector.client]);
      assert.deepStrictEqual(encodeAsReq(request), vector.requestBytes);
      assert.match(vector.source, /MIT krb5kdc/);
    }
  });
});
