import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { DecodeError } from '../../src/krb5/errors.js';
import { parseKeytab } from '../../src/krb5/keytab.js';

/**
 * Written by MIT krb5 1.20.1 (`kadmin.local ktadd -norandkey`) for alice@EXP.TEST of a
 * throwaway realm: four entries, kvno 1 in both the 8-bit and the 32-bit field.
 */
const MIT_KEYTAB = Buffer.from(
  '050200000044000100084558502e544553540005616c696365000000016b12e4ad01001200206180f14f4778' +
    '4e13345ef50ddc6963eaff61bb24884b7acd3287f8df2b79f0ba0000000100000034000100084558502e5445' +
    '53540005616c696365000000016b12e4ad01001100101e0b5f96f391a692b8c94039e50ffd3a000000010000' +
    '0044000100084558502e544553540005616c696365000000016b12e4ad010014002036e5ac66121555cb97e0' +
    '3e344c6765232d3e0e27be02fa1c9e389d0becc3e4280000000100000034000100084558502e544553540005' +
    '616c696365000000016b12e4ad01001300102d4c1d1065cb01502b9c8dcd830bdb8500000001',
  'hex',
);

/** Builds one entry body the way MIT lays it out. */
function entry(opts: {
  realm?: string;
  names?: string[];
  kvno8?: number;
  trailer?: Uint8Array;
  key?: Uint8Array;
  nameBytes?: Uint8Array;
}): Buffer {
  const counted = (b: Uint8Array): Buffer => {
    const out = Buffer.alloc(2 + b.length);
    out.writeUInt16BE(b.length);
    out.set(b, 2);
    return out;
  };
  const names = (opts.names ?? ['user']).map((n) => Buffer.from(n));
  if (opts.nameBytes !== undefined) names[0] = Buffer.from(opts.nameBytes);
  const head = Buffer.alloc(2);
  head.writeUInt16BE(names.length);
  const fixed = Buffer.alloc(4 + 4 + 1 + 2);
  fixed.writeUInt32BE(1, 0);
  fixed.writeUInt32BE(1_700_000_000, 4);
  fixed.writeUInt8(opts.kvno8 ?? 3, 8);
  fixed.writeUInt16BE(18, 9);
  return Buffer.concat([
    head,
    counted(Buffer.from(opts.realm ?? 'R.TEST')),
    ...names.map(counted),
    fixed,
    counted(opts.key ?? new Uint8Array(32).fill(7)),
    opts.trailer ?? Buffer.alloc(0),
  ]);
}

function sized(body: Buffer, size = body.length): Buffer {
  const prefix = Buffer.alloc(4);
  prefix.writeInt32BE(size);
  return Buffer.concat([prefix, body]);
}

function keytab(...parts: Buffer[]): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from([0x05, 0x02]), ...parts]));
}

const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

describe('parseKeytab', () => {
  it("reads MIT's own output", () => {
    const entries = parseKeytab(new Uint8Array(MIT_KEYTAB));
    assert.equal(entries.length, 4);
    assert.deepEqual(
      entries.map((e) => [e.key.keytype, e.key.keyvalue.length]),
      [
        [18, 32],
        [17, 16],
        [20, 32],
        [19, 16],
      ],
    );
    for (const e of entries) {
      assert.equal(e.realm, 'EXP.TEST');
      assert.deepEqual(e.principal, { nameType: 1, nameString: ['alice'] });
      assert.equal(e.kvno, 1);
      assert.equal(e.timestamp.getTime(), 0x6b12e4ad * 1000);
    }
    assert.equal(
      Buffer.from(entries[1]!.key.keyvalue).toString('hex'),
      '1e0b5f96f391a692b8c94039e50ffd3a',
    );
  });

  it('refuses every truncation that is not at an entry boundary', () => {
    const boundaries = new Set([2, 74, 130, 202, 258]);
    for (let cut = 0; cut < MIT_KEYTAB.length; cut++) {
      const bytes = new Uint8Array(MIT_KEYTAB.subarray(0, cut));
      if (boundaries.has(cut)) {
        assert.equal(parseKeytab(bytes).length, [...boundaries].indexOf(cut), `cut ${cut}`);
      } else {
        assert.throws(() => parseKeytab(bytes), DecodeError, `cut ${cut}`);
      }
    }
  });

  it('uses the 32-bit kvno when present and non-zero, the 8-bit one otherwise', () => {
    const [big, none, zero, flags] = parseKeytab(
      keytab(
        sized(entry({ kvno8: 300 & 0xff, trailer: u32(300) })),
        sized(entry({ kvno8: 5 })),
        sized(entry({ kvno8: 6, trailer: u32(0) })),
        sized(entry({ kvno8: 7, trailer: Buffer.concat([u32(7), u32(0x1)]) })),
      ),
    );
    assert.deepEqual([big!.kvno, none!.kvno, zero!.kvno, flags!.kvno], [300, 5, 6, 7]);
  });

  it('reads multi-component and non-ASCII names', () => {
    const [e] = parseKeytab(keytab(sized(entry({ names: ['HTTP', 'www.example.com'] }))));
    assert.deepEqual(e!.principal.nameString, ['HTTP', 'www.example.com']);
    const [u] = parseKeytab(keytab(sized(entry({ names: ['jürgen'], realm: 'ÉCOLE.TEST' }))));
    assert.equal(u!.principal.nameString[0], 'jürgen');
    assert.equal(u!.realm, 'ÉCOLE.TEST');
  });

  it('skips deleted slots and stops at a zero size followed by zeros', () => {
    const hole = Buffer.alloc(20, 0xaa);
    const entries = parseKeytab(
      keytab(
        sized(hole, -hole.length),
        sized(entry({ names: ['kept'] })),
        u32(0),
        Buffer.alloc(12),
      ),
    );
    assert.deepEqual(
      entries.map((e) => e.principal.nameString[0]),
      ['kept'],
    );
    assert.throws(() => parseKeytab(keytab(u32(0), Buffer.from([0, 1]))), DecodeError);
  });

  it('refuses other versions, overlong fields and bad UTF-8', () => {
    assert.throws(() => parseKeytab(Uint8Array.of(0x05, 0x01)), /0x0501/);
    assert.throws(() => parseKeytab(Uint8Array.of(0x05, 0x03)), DecodeError);
    assert.throws(() => parseKeytab(new Uint8Array()), DecodeError);
    // An entry whose size is shorter than its own fields.
    const body = entry({});
    assert.throws(() => parseKeytab(keytab(sized(body.subarray(0, 30), 30))), DecodeError);
    // A size running past the end of the file.
    assert.throws(() => parseKeytab(keytab(sized(body, body.length + 1))), DecodeError);
    assert.throws(
      () => parseKeytab(keytab(sized(entry({ nameBytes: Uint8Array.of(0xff, 0xfe) })))),
      (err: unknown) => err instanceof DecodeError && /UTF-8/.test(err.message),
    );
  });
});
