import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import fc from 'fast-check';

import { CODECS } from './codecs.js';

describe('message round trips', () => {
  for (const c of CODECS) {
    describe(c.name, () => {
      it('decodes its sample encoding to the same value and re-encodes the same bytes', () => {
        const encoded = c.encode(c.sample);
        assert.deepStrictEqual(c.decode(encoded), c.sample);
        assert.deepStrictEqual(c.encode(c.decode(encoded)), encoded);
      });

      it('round-trips generated values', () => {
        fc.assert(
          fc.property(c.arbitrary, (value) => {
            const encoded = c.encode(value);
            const decoded = c.decode(encoded);
            assert.deepStrictEqual(decoded, value);
            assert.deepStrictEqual(c.encode(decoded), encoded);
          }),
          { numRuns: 200 },
        );
      });
    });
  }
});
