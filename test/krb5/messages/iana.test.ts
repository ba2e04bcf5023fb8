import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import * as errorCodes from '../../../src/krb5/iana/error-codes.js';
import { AP_OPT_MUTUAL_REQUIRED } from '../../../src/krb5/iana/ap-options.js';
import {
  KDC_OPT_CANONICALIZE,
  KDC_OPT_FORWARDABLE,
  KDC_OPT_RENEWABLE_OK,
  KDC_OPT_VALIDATE,
  flagBits,
  hasFlag,
  kerberosFlags,
  withFlag,
} from '../../../src/krb5/iana/kdc-options.js';
import {
  LR_TYPE_ACCOUNT_EXPIRATION,
  LR_TYPE_PASSWORD_EXPIRATION,
  lastReqValue,
} from '../../../src/krb5/iana/last-req-types.js';
import * as nameTypes from '../../../src/krb5/iana/name-types.js';
import * as paDataTypes from '../../../src/krb5/iana/pa-data-types.js';

/** The `NAME = number` exports of a registry module. */
function constants(module: Record<string, unknown>): [string, number][] {
  return Object.entries(module).filter((e): e is [string, number] => typeof e[1] === 'number');
}

describe('IANA registries', () => {
  it('names every error-code constant by its own name, once', () => {
    const entries = constants(errorCodes);
    assert.equal(entries.length, 77);
    for (const [name, code] of entries) assert.equal(errorCodes.errorName(code), name);
    assert.equal(new Set(entries.map(([, code]) => code)).size, entries.length);
  });

  it('has the codes the client relies on', () => {
    assert.equal(errorCodes.KDC_ERR_C_PRINCIPAL_UNKNOWN, 6);
    assert.equal(errorCodes.KDC_ERR_ETYPE_NOSUPP, 14);
    assert.equal(errorCodes.KDC_ERR_CLIENT_REVOKED, 18);
    assert.equal(errorCodes.KDC_ERR_KEY_EXPIRED, 23);
    assert.equal(errorCodes.KDC_ERR_PREAUTH_FAILED, 24);
    assert.equal(errorCodes.KDC_ERR_PREAUTH_REQUIRED, 25);
    assert.equal(errorCodes.KRB_AP_ERR_SKEW, 37);
    assert.equal(errorCodes.KRB_ERR_RESPONSE_TOO_BIG, 52);
    assert.equal(errorCodes.KDC_ERR_WRONG_REALM, 68);
    assert.equal(errorCodes.KDC_ERR_MORE_PREAUTH_DATA_REQUIRED, 91);
    assert.equal(errorCodes.errorName(30), 'UNKNOWN_30');
  });

  it('names PA-DATA and name types with the registry spelling', () => {
    for (const [name, value] of constants(paDataTypes)) {
      assert.equal(paDataTypes.paDataTypeName(value).replaceAll('-', '_'), name);
    }
    for (const [name, value] of constants(nameTypes)) {
      assert.equal(nameTypes.nameTypeName(value).replaceAll('-', '_'), name);
    }
    assert.equal(paDataTypes.paDataTypeName(19), 'PA-ETYPE-INFO2');
    assert.equal(paDataTypes.PA_FX_COOKIE, 133);
    assert.equal(nameTypes.nameTypeName(10), 'NT-ENTERPRISE');
  });
});

describe('KerberosFlags helpers', () => {
  it('builds flags with RFC bit 0 as the most significant bit', () => {
    const flags = kerberosFlags(KDC_OPT_FORWARDABLE, KDC_OPT_CANONICALIZE, KDC_OPT_RENEWABLE_OK);
    assert.equal(flags, 0x40010010);
    assert.equal(kerberosFlags(0), 0x80000000);
    assert.equal(kerberosFlags(KDC_OPT_VALIDATE), 1);
    assert.equal(kerberosFlags(AP_OPT_MUTUAL_REQUIRED), 0x20000000);
  });

  it('tests, adds and lists bits', () => {
    const flags = withFlag(kerberosFlags(1), 0);
    assert.equal(flags, 0xc0000000);
    assert.ok(hasFlag(flags, 0) && hasFlag(flags, 1) && !hasFlag(flags, 2));
    assert.deepStrictEqual(flagBits(0x40010010), [1, 15, 27]);
    assert.throws(() => kerberosFlags(32), RangeError);
  });
});

describe('last-req types', () => {
  it('finds the password and account expiry, for the realm or this server only', () => {
    const entries = [
      { lrType: 0, lrValue: new Date(0) },
      { lrType: -6, lrValue: new Date('2030-01-01T00:00:00Z') },
      { lrType: 7, lrValue: new Date('2031-01-01T00:00:00Z') },
    ];
    assert.equal(lastReqValue(entries, LR_TYPE_PASSWORD_EXPIRATION)?.getUTCFullYear(), 2030);
    assert.equal(lastReqValue(entries, LR_TYPE_ACCOUNT_EXPIRATION)?.getUTCFullYear(), 2031);
    assert.equal(lastReqValue(entries, 3), undefined);
  });
});
