import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { parseBoolean, parseDuration, parseInteger } from '../../../src/krb5/config/index.js';

describe('krb5.conf value syntaxes', () => {
  it('reads MIT boolean spellings', () => {
    for (const t of ['y', 'Yes', 'TRUE', 't', '1', 'on']) assert.equal(parseBoolean(t), true, t);
    for (const t of ['n', 'no', 'False', 'nil', '0', 'off'])
      assert.equal(parseBoolean(t), false, t);
    assert.equal(parseBoolean('maybe'), undefined);
  });

  it('reads durations', () => {
    const cases: Array<[string, number | undefined]> = [
      ['300', 300],
      ['5m', 300],
      ['1h30m', 5400],
      ['2m 30s', 150],
      ['1d 2h 3m 4s', 93784],
      ['10:00', 36000],
      ['1:02:03', 3723],
      ['1d 02:00:00', 93600],
      ['5 minutes', undefined],
      ['', undefined],
      ['-5', undefined],
    ];
    for (const [text, seconds] of cases) assert.equal(parseDuration(text), seconds, text);
  });

  it('reads integers', () => {
    assert.equal(parseInteger(' 1465 '), 1465);
    assert.equal(parseInteger('1e3'), undefined);
    assert.equal(parseInteger('-1'), undefined);
  });
});
