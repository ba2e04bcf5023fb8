import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { formatHostPort, parseHostPort } from '../../../src/krb5/config/index.js';
import { ConfigError } from '../../../src/krb5/errors.js';

describe('parseHostPort', () => {
  it('reads every form krb5.conf allows', () => {
    const cases: Array<[string, object]> = [
      ['kdc.example.com', { host: 'kdc.example.com', port: 88 }],
      ['kdc.example.com:750', { host: 'kdc.example.com', port: 750 }],
      ['  127.0.0.1:10088  ', { host: '127.0.0.1', port: 10088 }],
      ['[2001:db8::1]:8888', { host: '2001:db8::1', port: 8888 }],
      ['[::1]', { host: '::1', port: 88 }],
      ['2001:db8::1', { host: '2001:db8::1', port: 88 }],
      ['tcp/kdc.example.com', { host: 'kdc.example.com', port: 88, transport: 'tcp' }],
      ['UDP/[::1]:99', { host: '::1', port: 99, transport: 'udp' }],
    ];
    for (const [entry, expected] of cases)
      assert.deepEqual(parseHostPort(entry, 88), expected, entry);
  });

  it('rejects bad ports and empty hosts', () => {
    for (const entry of ['h:0', 'h:65536', 'h:x', 'h:', ':88', '[::1', '[::1]x', '', 'a b:1']) {
      assert.throws(() => parseHostPort(entry, 88), ConfigError, entry);
    }
  });

  it('formats IPv6 addresses in brackets', () => {
    assert.equal(formatHostPort({ host: '::1', port: 88 }), '[::1]:88');
    assert.equal(formatHostPort({ host: '127.0.0.1', port: 464 }), '127.0.0.1:464');
  });
});
