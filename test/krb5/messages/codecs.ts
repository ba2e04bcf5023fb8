/**
 * Every message codec with a hand-written sample value and a fast-check arbitrary, shared by
 * the round-trip and fuzz tests.
 */

import fc from 'fast-check';

import * as m from '../../../src/krb5/messages/index.js';
import type {
  ApRep,
  ApReq,
  AsRep,
  AsReq,
  Authenticator,
  ChangePasswdData,
  Checksum,
  EncApRepPart,
  EncKdcRepPart,
  EncKrbPrivPart,
  EncryptedData,
  EncryptionKey,
  EtypeInfo2Entry,
  HostAddress,
  KdcReqBody,
  KrbError,
  KrbPriv,
  LastReqEntry,
  PaData,
  PaEncTsEnc,
  PrincipalName,
  Ticket,
} from '../../../src/krb5/messages/index.js';

export interface Codec<T> {
  readonly name: string;
  readonly encode: (value: T) => Uint8Array;
  readonly decode: (bytes: Uint8Array) => T;
  readonly sample: T;
  readonly arbitrary: fc.Arbitrary<T>;
  /**
   * True when every input the decoder accepts re-encodes to the same bytes. False where the
   * decoder is knowingly lenient: KerberosFlags longer than 32 bits, negative seq-numbers,
   * EncKDCRepPart's alternative [APPLICATION 26] tag.
   */
  readonly canonical: boolean;
}

function codec<T>(c: Codec<T>): Codec<unknown> {
  return c as unknown as Codec<unknown>;
}

const at = (iso: string): Date => new Date(iso);
const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const REALM = 'EXAMPLE.COM';

// Samples.

const alice: PrincipalName = { nameType: 1, nameString: ['alice'] };
const krbtgt: PrincipalName = { nameType: 2, nameString: ['krbtgt', REALM] };
const changepw: PrincipalName = { nameType: 2, nameString: ['kadmin', 'changepw'] };
const encData: EncryptedData = { etype: 18, kvno: 2, cipher: bytes(1, 2, 3, 4) };
const sessionKey: EncryptionKey = { keytype: 18, keyvalue: new Uint8Array(32).fill(7) };
const address: HostAddress = { addrType: 2, address: bytes(127, 0, 0, 1) };
const ticket: Ticket = (() => {
  const fields = { tktVno: 5, realm: REALM, sname: krbtgt, encPart: encData };
  return { ...fields, der: m.encodeTicket(fields) };
})();
const paData: PaData[] = [
  { padataType: 2, padataValue: m.encodeEncryptedData({ etype: 18, cipher: bytes(9, 9) }) },
  { padataType: 133, padataValue: bytes(0x4d, 0x49, 0x54) },
  { padataType: 136, padataValue: new Uint8Array(0) },
];
const reqBody: KdcReqBody = {
  kdcOptions: 0x40010010,
  cname: alice,
  realm: REALM,
  sname: krbtgt,
  from: at('2026-01-02T03:04:05Z'),
  till: at('2037-09-13T02:48:05Z'),
  rtime: at('2026-02-01T00:00:00Z'),
  nonce: 0x7fffffff,
  etype: [18, 17, 20, 19],
  addresses: [address],
};

// Arbitraries.

/** fc.record giving plain objects (decoders build plain objects, deepStrictEqual checks that). */
const record = ((model: never, constraints?: object) =>
  fc.record(model, { ...constraints, noNullPrototype: true } as never)) as typeof fc.record;

const int32 = fc.integer({ min: -0x80000000, max: 0x7fffffff });
const uint32 = fc.integer({ min: 0, max: 0xffffffff });
const usec = fc.integer({ min: 0, max: 999999 });
const octets = fc.uint8Array({ maxLength: 40 });
const kstring = fc.string({ unit: 'grapheme', maxLength: 12 });
/** Whole seconds from 0000-01-01 to 9999-12-31 (the range KerberosTime can write). */
const time = fc.integer({ min: -62167219200, max: 253402300799 }).map((s) => new Date(s * 1000));

const principalName: fc.Arbitrary<PrincipalName> = record({
  nameType: int32,
  nameString: fc.array(kstring, { maxLength: 3 }),
});
const encryptedData: fc.Arbitrary<EncryptedData> = record(
  { etype: int32, kvno: uint32, cipher: octets },
  { requiredKeys: ['etype', 'cipher'] },
);
const checksum: fc.Arbitrary<Checksum> = record({ cksumtype: int32, checksum: octets });
const encryptionKey: fc.Arbitrary<EncryptionKey> = record({ keytype: int32, keyvalue: octets });
const hostAddress: fc.Arbitrary<HostAddress> = record({ addrType: int32, address: octets });
const paDataItem: fc.Arbitrary<PaData> = record({ padataType: int32, padataValue: octets });
const methodData = fc.array(paDataItem, { maxLength: 3 });
const lastReqEntry: fc.Arbitrary<LastReqEntry> = record({ lrType: int32, lrValue: time });
const ticketArb: fc.Arbitrary<Ticket> = record({
  tktVno: fc.constant(5),
  realm: kstring,
  sname: principalName,
  encPart: encryptedData,
}).map((fields) => ({ ...fields, der: m.encodeTicket(fields) }));
const etypeInfo2Entry: fc.Arbitrary<EtypeInfo2Entry> = record(
  { etype: int32, salt: kstring, s2kparams: octets },
  { requiredKeys: ['etype'] },
);
const kdcReqBody: fc.Arbitrary<KdcReqBody> = record(
  {
    kdcOptions: uint32,
    cname: principalName,
    realm: kstring,
    sname: principalName,
    from: time,
    till: time,
    rtime: time,
    nonce: fc.integer({ min: 0, max: 0x7fffffff }),
    etype: fc.array(int32, { maxLength: 4 }),
    addresses: fc.array(hostAddress, { maxLength: 2 }),
  },
  { requiredKeys: ['kdcOptions', 'realm', 'till', 'nonce', 'etype'] },
);

export const CODECS: readonly Codec<unknown>[] = [
  codec<PrincipalName>({
    name: 'PrincipalName',
    encode: m.encodePrincipalName,
    decode: m.decodePrincipalName,
    sample: { nameType: 1, nameString: ['jürgen', 'admin'] },
    arbitrary: principalName,
    canonical: true,
  }),
  codec<EncryptedData>({
    name: 'EncryptedData',
    encode: m.encodeEncryptedData,
    decode: m.decodeEncryptedData,
    sample: encData,
    arbitrary: encryptedData,
    canonical: true,
  }),
  codec<Checksum>({
    name: 'Checksum',
    encode: m.encodeChecksum,
    decode: m.decodeChecksum,
    sample: { cksumtype: 16, checksum: new Uint8Array(12).fill(0xaa) },
    arbitrary: checksum,
    canonical: true,
  }),
  codec<EncryptionKey>({
    name: 'EncryptionKey',
    encode: m.encodeEncryptionKey,
    decode: m.decodeEncryptionKey,
    sample: sessionKey,
    arbitrary: encryptionKey,
    canonical: true,
  }),
  codec<HostAddress>({
    name: 'HostAddress',
    encode: m.encodeHostAddress,
    decode: m.decodeHostAddress,
    sample: address,
    arbitrary: hostAddress,
    canonical: true,
  }),
  codec<HostAddress[]>({
    name: 'HostAddresses',
    encode: m.encodeHostAddresses,
    decode: m.decodeHostAddresses,
    sample: [address, { addrType: 24, address: new Uint8Array(16).fill(1) }],
    arbitrary: fc.array(hostAddress, { maxLength: 3 }),
    canonical: true,
  }),
  codec<PaData>({
    name: 'PA-DATA',
    encode: m.encodePaData,
    decode: m.decodePaData,
    sample: paData[0] as PaData,
    arbitrary: paDataItem,
    canonical: true,
  }),
  codec<PaData[]>({
    name: 'METHOD-DATA',
    encode: m.encodeMethodData,
    decode: m.decodeMethodData,
    sample: paData,
    arbitrary: methodData,
    canonical: true,
  }),
  codec<PaEncTsEnc>({
    name: 'PA-ENC-TS-ENC',
    encode: m.encodePaEncTsEnc,
    decode: m.decodePaEncTsEnc,
    sample: { patimestamp: at('2026-03-04T05:06:07Z'), pausec: 999999 },
    arbitrary: record({ patimestamp: time, pausec: usec }, { requiredKeys: ['patimestamp'] }),
    canonical: true,
  }),
  codec<EtypeInfo2Entry>({
    name: 'ETYPE-INFO2-ENTRY',
    encode: m.encodeEtypeInfo2Entry,
    decode: m.decodeEtypeInfo2Entry,
    sample: { etype: 18, salt: 'EXAMPLE.COMalice', s2kparams: bytes(0, 0, 0x10, 0) },
    arbitrary: etypeInfo2Entry,
    canonical: true,
  }),
  codec<EtypeInfo2Entry[]>({
    name: 'ETYPE-INFO2',
    encode: m.encodeEtypeInfo2,
    decode: m.decodeEtypeInfo2,
    sample: [{ etype: 18, salt: 'EXAMPLE.COMalice' }, { etype: 17 }],
    arbitrary: fc.array(etypeInfo2Entry, { minLength: 1, maxLength: 3 }),
    canonical: true,
  }),
  codec<LastReqEntry[]>({
    name: 'LastReq',
    encode: m.encodeLastReq,
    decode: m.decodeLastReq,
    sample: [
      { lrType: 0, lrValue: at('1970-01-01T00:00:00Z') },
      { lrType: -6, lrValue: at('2030-01-02T03:04:05Z') },
    ],
    arbitrary: fc.array(lastReqEntry, { maxLength: 3 }),
    canonical: true,
  }),
  codec<Ticket>({
    name: 'Ticket',
    encode: m.encodeTicket,
    decode: m.decodeTicket,
    sample: ticket,
    arbitrary: ticketArb,
    canonical: true,
  }),
  codec<KdcReqBody>({
    name: 'KDC-REQ-BODY',
    encode: m.encodeKdcReqBody,
    decode: m.decodeKdcReqBody,
    sample: reqBody,
    arbitrary: kdcReqBody,
    canonical: false,
  }),
  codec<AsReq>({
    name: 'AS-REQ',
    encode: m.encodeAsReq,
    decode: m.decodeAsReq,
    sample: { padata: paData, reqBody },
    arbitrary: record({ padata: methodData, reqBody: kdcReqBody }, { requiredKeys: ['reqBody'] }),
    canonical: false,
  }),
  codec<AsRep>({
    name: 'AS-REP',
    encode: m.encodeAsRep,
    decode: m.decodeAsRep,
    sample: { padata: paData, crealm: REALM, cname: alice, ticket, encPart: encData },
    arbitrary: record(
      {
        padata: methodData,
        crealm: kstring,
        cname: principalName,
        ticket: ticketArb,
        encPart: encryptedData,
      },
      { requiredKeys: ['crealm', 'cname', 'ticket', 'encPart'] },
    ),
    canonical: true,
  }),
  codec<EncKdcRepPart>({
    name: 'EncKDCRepPart',
    encode: (value) => m.encodeEncKdcRepPart(value),
    decode: m.decodeEncKdcRepPart,
    sample: {
      key: sessionKey,
      lastReq: [{ lrType: 6, lrValue: at('2030-01-02T03:04:05Z') }],
      nonce: 0xfffffffe,
      keyExpiration: at('2030-01-02T03:04:05Z'),
      flags: 0x40e10000,
      authtime: at('2026-06-01T12:00:00Z'),
      starttime: at('2026-06-01T12:00:01Z'),
      endtime: at('2026-06-02T12:00:00Z'),
      renewTill: at('2026-06-08T12:00:00Z'),
      srealm: REALM,
      sname: krbtgt,
      caddr: [address],
      encryptedPaData: [{ padataType: 149, padataValue: bytes(1) }],
    },
    arbitrary: record(
      {
        key: encryptionKey,
        lastReq: fc.array(lastReqEntry, { maxLength: 2 }),
        nonce: uint32,
        keyExpiration: time,
        flags: uint32,
        authtime: time,
        starttime: time,
        endtime: time,
        renewTill: time,
        srealm: kstring,
        sname: principalName,
        caddr: fc.array(hostAddress, { maxLength: 2 }),
        encryptedPaData: methodData,
      },
      {
        requiredKeys: [
          'key',
          'lastReq',
          'nonce',
          'flags',
          'authtime',
          'endtime',
          'srealm',
          'sname',
        ],
      },
    ),
    canonical: false,
  }),
  codec<KrbError>({
    name: 'KRB-ERROR',
    encode: m.encodeKrbError,
    decode: m.decodeKrbError,
    sample: {
      ctime: at('2026-06-01T12:00:00Z'),
      cusec: 17,
      stime: at('2026-06-01T12:00:03Z'),
      susec: 123456,
      errorCode: 25,
      crealm: REALM,
      cname: alice,
      realm: REALM,
      sname: krbtgt,
      eText: 'NEEDED_PREAUTH',
      eData: m.encodeMethodData(paData),
    },
    arbitrary: record(
      {
        ctime: time,
        cusec: usec,
        stime: time,
        susec: usec,
        errorCode: int32,
        crealm: kstring,
        cname: principalName,
        realm: kstring,
        sname: principalName,
        eText: kstring,
        eData: octets,
      },
      { requiredKeys: ['stime', 'susec', 'errorCode', 'realm', 'sname'] },
    ),
    canonical: true,
  }),
  codec<ApReq>({
    name: 'AP-REQ',
    encode: m.encodeApReq,
    decode: m.decodeApReq,
    sample: { apOptions: 0x20000000, ticket, authenticator: { etype: 18, cipher: bytes(5) } },
    arbitrary: record({ apOptions: uint32, ticket: ticketArb, authenticator: encryptedData }),
    canonical: false,
  }),
  codec<Authenticator>({
    name: 'Authenticator',
    encode: m.encodeAuthenticator,
    decode: m.decodeAuthenticator,
    sample: {
      crealm: REALM,
      cname: alice,
      cksum: { cksumtype: 16, checksum: bytes(1, 2) },
      cusec: 999999,
      ctime: at('2026-06-01T12:00:00Z'),
      subkey: sessionKey,
      seqNumber: 0xffffffff,
    },
    arbitrary: record(
      {
        crealm: kstring,
        cname: principalName,
        cksum: checksum,
        cusec: usec,
        ctime: time,
        subkey: encryptionKey,
        seqNumber: uint32,
      },
      { requiredKeys: ['crealm', 'cname', 'cusec', 'ctime'] },
    ),
    canonical: false,
  }),
  codec<ApRep>({
    name: 'AP-REP',
    encode: m.encodeApRep,
    decode: m.decodeApRep,
    sample: { encPart: encData },
    arbitrary: record({ encPart: encryptedData }),
    canonical: true,
  }),
  codec<EncApRepPart>({
    name: 'EncAPRepPart',
    encode: m.encodeEncApRepPart,
    decode: m.decodeEncApRepPart,
    sample: { ctime: at('2026-06-01T12:00:00Z'), cusec: 5, subkey: sessionKey, seqNumber: 42 },
    arbitrary: record(
      { ctime: time, cusec: usec, subkey: encryptionKey, seqNumber: uint32 },
      { requiredKeys: ['ctime', 'cusec'] },
    ),
    canonical: false,
  }),
  codec<KrbPriv>({
    name: 'KRB-PRIV',
    encode: m.encodeKrbPriv,
    decode: m.decodeKrbPriv,
    sample: { encPart: { etype: 18, cipher: bytes(8, 8, 8) } },
    arbitrary: record({ encPart: encryptedData }),
    canonical: true,
  }),
  codec<EncKrbPrivPart>({
    name: 'EncKrbPrivPart',
    encode: m.encodeEncKrbPrivPart,
    decode: m.decodeEncKrbPrivPart,
    sample: {
      userData: bytes(0x30, 0x00),
      timestamp: at('2026-06-01T12:00:00Z'),
      usec: 1,
      seqNumber: 7,
      sAddress: address,
      rAddress: { addrType: 2, address: bytes(127, 0, 0, 2) },
    },
    arbitrary: record(
      {
        userData: octets,
        timestamp: time,
        usec,
        seqNumber: uint32,
        sAddress: hostAddress,
        rAddress: hostAddress,
      },
      { requiredKeys: ['userData', 'sAddress'] },
    ),
    canonical: false,
  }),
  codec<ChangePasswdData>({
    name: 'ChangePasswdData',
    encode: m.encodeChangePasswdData,
    decode: m.decodeChangePasswdData,
    sample: {
      newpasswd: new TextEncoder().encode('n3w pässword'),
      targname: changepw,
      targrealm: REALM,
    },
    arbitrary: record(
      { newpasswd: octets, targname: principalName, targrealm: kstring },
      { requiredKeys: ['newpasswd'] },
    ),
    canonical: true,
  }),
];
