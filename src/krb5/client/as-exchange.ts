import { randomInt } from 'node:crypto';

import {
  SUPPORTED_ENCTYPES,
  decrypt,
  encrypt,
  isSupportedEnctype,
  stringToKey,
} from '../crypto/index.js';
import { constantTimeEqual } from '../crypto/bytes.js';
import { NotSupportedError, ProtocolError } from '../errors.js';
import {
  decodeEncKdcRepPart,
  decodeEtypeInfo2,
  decodeKdcReply,
  decodeMethodData,
  encodeAsReq,
  encodeEncryptedData,
  encodePaEncTsEnc,
  toKdcError,
} from '../messages/index.js';
import type {
  AsRep,
  EncKdcRepPart,
  EncryptionKey,
  EtypeInfo2Entry,
  KrbError,
  PaData,
  Ticket,
} from '../messages/types.js';
import { KDC_ERR_PREAUTH_REQUIRED } from '../iana/error-codes.js';
import { AS_REP_ENCPART, AS_REQ_PA_ENC_TIMESTAMP } from '../iana/key-usages.js';
import { lastReqValue, LR_TYPE_PASSWORD_EXPIRATION } from '../iana/last-req-types.js';
import { PA_ENC_TIMESTAMP, PA_ETYPE_INFO2, PA_FX_COOKIE } from '../iana/pa-data-types.js';
import { krbtgt, sameName, unparsePrincipal, type Principal } from './principal.js';

/**
 * Sends one encoded request to the realm's KDCs and returns the reply bytes. A request still
 * being made (a promise) lets the sender connect meanwhile; if it rejects, nothing is sent
 * and the sender rejects with the same error.
 */
export type KdcSender = (request: Uint8Array | Promise<Uint8Array>) => Promise<Uint8Array>;

export interface AsExchangeOptions {
  readonly client: Principal;
  readonly password: string;
  /** The service to ask a ticket for; krbtgt/REALM@REALM by default. */
  readonly service?: Principal;
  readonly send: KdcSender;
  /** Enctypes to offer, in preference order; all supported ones by default. */
  readonly enctypes?: readonly number[];
  readonly lifetimeSeconds?: number;
  /** The clock (injectable for tests). */
  readonly now?: () => Date;
  /**
   * A guess at the KDC's string-to-key parameters for this client, from an earlier exchange
   * (not secret). The password's key is derived with them while the first request asks the
   * KDC, and used only if the KDC names exactly the same parameters: a stale guess costs
   * time, never a failed pre-authentication (which would count toward a lockout).
   */
  readonly etypeInfoHint?: EtypeInfo2Entry;
  /**
   * Nothing is sent before this resolves (the first request is made, and its connection
   * opened, meanwhile); if it rejects, nothing is sent and the exchange rejects with its
   * error.
   */
  readonly sendAfter?: Promise<unknown>;
}

/** A password's key being derived with a guess at the KDC's parameters for the client. */
interface GuessedKey {
  readonly etypeInfo: EtypeInfo2Entry;
  readonly key: Promise<EncryptionKey>;
}

/** What a successful AS exchange yields. */
export interface InitialTicket {
  readonly client: Principal;
  readonly service: Principal;
  readonly ticket: Ticket;
  readonly sessionKey: EncryptionKey;
  /** TicketFlags as a 32-bit number (bit 0 of RFC 4120 is the most significant). */
  readonly flags: number;
  readonly authtime: Date;
  readonly starttime?: Date;
  readonly endtime: Date;
  readonly renewTill?: Date;
  /** When the password expires, if the KDC said (last-req type 6, else key-expiration). */
  readonly passwordExpires?: Date;
  /** The enctype of the key derived from the password. */
  readonly replyEnctype: number;
  /** The KDC's string-to-key parameters for this client (not secret). */
  readonly etypeInfo: EtypeInfo2Entry;
}

type KdcReply = ReturnType<typeof decodeKdcReply>;

interface SentRequest {
  readonly nonce: number;
  readonly service: Principal;
  readonly enctypes: readonly number[];
}

/**
 * Performs an AS exchange (RFC 4120 section 3.1) with password pre-authentication:
 * a first request without PA-DATA; on KDC_ERR_PREAUTH_REQUIRED, the etype, salt and
 * string-to-key parameters from PA-ETYPE-INFO2 and a retry with PA-ENC-TIMESTAMP.
 * The reply is checked against the request before anything in it is returned.
 *
 * Throws KdcError for a KRB-ERROR (wrong password: 24, unknown client: 6, key expired: 23,
 * revoked or locked: 18, clock skew: 37), IntegrityError when a reply encrypted in the
 * password's key does not decrypt (for a principal without pre-authentication that is how
 * a wrong password shows), ProtocolError when the reply does not answer the request,
 * NotSupportedError when the client has no key of an enctype this library supports.
 */
export async function getInitialTicket(options: AsExchangeOptions): Promise<InitialTicket> {
  const enctypes = (options.enctypes ?? SUPPORTED_ENCTYPES).filter(isSupportedEnctype);
  if (enctypes.length === 0)
    throw new NotSupportedError('none of the requested enctypes is supported');
  const service = options.service ?? krbtgt(options.client.realm);
  const now = options.now ?? (() => new Date());

  const first = newRequest(service, enctypes);
  // The probe's connection is started before the guessed key's derivation is handed to the
  // thread pool, which may take the CPU this thread would need to send it.
  const probe = sendAsReq(options, first, [], now(), options.sendAfter);
  const guess = guessedKey(options);
  if (guess !== undefined) return withGuessedKey(options, service, enctypes, first, probe, guess);

  const firstReply = await probe;
  if (firstReply.kind === 'AS-REP') return withoutPreauth(options, first, firstReply.value);
  if (firstReply.value.errorCode !== KDC_ERR_PREAUTH_REQUIRED) throw toKdcError(firstReply.value);
  return withPreauth(options, service, enctypes, firstReply.value);
}

/** A client without pre-authentication: the first reply is the AS-REP. */
async function withoutPreauth(
  options: AsExchangeOptions,
  request: SentRequest,
  reply: AsRep,
  guess?: GuessedKey,
): Promise<InitialTicket> {
  const hint = pickEtypeInfo(reply.padata ?? [], request.enctypes);
  const key = await keyFor(options.password, hint, guess);
  return checkReply(options.client, request, reply, key, hint);
}

/** Why the request prepared alongside the probe was dropped unsent. */
class NotNeeded extends Error {}

/**
 * The exchange with a guessed key. The request with PA-ENC-TIMESTAMP is started with the
 * probe, so that its connection is made while the key is derived; it leaves once the probe's
 * PREAUTH_REQUIRED is in and the key for the parameters it names is ready (the guessed one
 * if they are the same). If the probe ends the exchange (another error, or an AS-REP for a
 * client without pre-authentication), that request is dropped unsent.
 */
async function withGuessedKey(
  options: AsExchangeOptions,
  service: Principal,
  enctypes: readonly number[],
  first: SentRequest,
  probe: Promise<KdcReply>,
  guess: GuessedKey,
): Promise<InitialTicket> {
  const now = options.now ?? (() => new Date());
  const answered = probe.then((reply) => {
    if (reply.kind === 'AS-REP') return reply;
    if (reply.value.errorCode !== KDC_ERR_PREAUTH_REQUIRED) throw toKdcError(reply.value);
    const methodData = preauthHints(reply.value);
    const hint = pickEtypeInfo(methodData, enctypes);
    return {
      kind: 'preauth' as const,
      methodData,
      hint,
      key: keyFor(options.password, hint, guess),
    };
  });
  const request = newRequest(service, enctypes);
  const padata = answered.then(async (answer) => {
    if (answer.kind === 'AS-REP') throw new NotNeeded();
    return [encryptedTimestamp(await answer.key, now()), ...cookies(answer.methodData)];
  });
  const second = sendAsReq(options, request, padata, now());
  // Whenever the probe ends the exchange, this rejects unsent and nobody waits for it.
  second.catch(() => undefined);

  const answer = await answered;
  if (answer.kind === 'AS-REP') return withoutPreauth(options, first, answer.value, guess);
  const reply = await second;
  if (reply.kind === 'KRB-ERROR') throw toKdcError(reply.value);
  return checkReply(options.client, request, reply.value, await answer.key, answer.hint);
}

function guessedKey(options: AsExchangeOptions): GuessedKey | undefined {
  const info = options.etypeInfoHint;
  if (info === undefined || !isSupportedEnctype(info.etype)) return undefined;
  const key = passwordKey(options.password, info);
  // A guess the KDC does not confirm is never awaited: its rejection must not go unhandled.
  key.catch(() => undefined);
  return { etypeInfo: info, key };
}

/** The password's key under the KDC's parameters: the guessed one if they are the same. */
function keyFor(
  password: string,
  hint: EtypeInfo2Entry,
  guess: GuessedKey | undefined,
): Promise<EncryptionKey> {
  if (guess === undefined || !sameEtypeInfo(guess.etypeInfo, hint))
    return passwordKey(password, hint);
  return guess.key.catch(() => passwordKey(password, hint));
}

/** s2kparams are not secret; the shared byte comparison serves all the same. */
function sameParams(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  return a === undefined || b === undefined ? a === b : constantTimeEqual(a, b);
}

function sameEtypeInfo(a: EtypeInfo2Entry, b: EtypeInfo2Entry): boolean {
  return a.etype === b.etype && a.salt === b.salt && sameParams(a.s2kparams, b.s2kparams);
}

/**
 * The retry with PA-ENC-TIMESTAMP, from the KDC's PREAUTH_REQUIRED, once the key is derived.
 * A plain login connects only then: many concurrent logins would otherwise hold twice as many
 * connections at the KDC, and MIT's krb5kdc keeps 45 and drops the oldest beyond that,
 * requests in flight included.
 */
async function withPreauth(
  options: AsExchangeOptions,
  service: Principal,
  enctypes: readonly number[],
  preauthRequired: KrbError,
): Promise<InitialTicket> {
  const now = options.now ?? (() => new Date());
  const methodData = preauthHints(preauthRequired);
  const hint = pickEtypeInfo(methodData, enctypes);
  const key = await passwordKey(options.password, hint);

  const request = newRequest(service, enctypes);
  const padata = [encryptedTimestamp(key, now()), ...cookies(methodData)];
  const reply = await sendAsReq(options, request, padata, now());
  if (reply.kind === 'KRB-ERROR') throw toKdcError(reply.value);

  return checkReply(options.client, request, reply.value, key, hint);
}

function newRequest(service: Principal, enctypes: readonly number[]): SentRequest {
  return { nonce: randomInt(1, 0x7fffffff), service, enctypes };
}

/**
 * Sends an AS-REQ; PA-DATA still being made lets the sender connect meanwhile, and
 * `sendAfter` holds the finished request back.
 */
async function sendAsReq(
  options: AsExchangeOptions,
  request: SentRequest,
  padata: readonly PaData[] | Promise<readonly PaData[]>,
  now: Date,
  sendAfter?: Promise<unknown>,
): Promise<KdcReply> {
  let bytes: Uint8Array | Promise<Uint8Array> =
    padata instanceof Promise
      ? padata.then((ready) => encodeRequest(options, request, ready, now))
      : encodeRequest(options, request, padata, now);
  if (sendAfter !== undefined) bytes = Promise.all([bytes, sendAfter]).then(([ready]) => ready);
  return decodeKdcReply(await options.send(bytes));
}

function encodeRequest(
  options: AsExchangeOptions,
  request: SentRequest,
  padata: readonly PaData[],
  now: Date,
): Uint8Array {
  const lifetime = options.lifetimeSeconds ?? 10 * 3600;
  return encodeAsReq({
    padata: padata.length > 0 ? padata : undefined,
    reqBody: {
      kdcOptions: 0,
      cname: options.client.name,
      realm: options.client.realm,
      sname: request.service.name,
      till: new Date(wholeSeconds(now.getTime()) + lifetime * 1000),
      nonce: request.nonce,
      etype: request.enctypes,
    },
  });
}

/**
 * Chooses the first PA-ETYPE-INFO2 entry with an enctype we support. The KDC lists them in
 * its order of preference among those we offered. The salt is taken as given: we never
 * build one ourselves, because principals may carry non-default salts (RFC 4120 5.2.7.5).
 */
function pickEtypeInfo(padata: readonly PaData[], enctypes: readonly number[]): EtypeInfo2Entry {
  const info = padata.find((p) => p.padataType === PA_ETYPE_INFO2);
  // MIT leaves PA-ETYPE-INFO2 out when the client has no key of any enctype we offered.
  if (info === undefined) {
    throw new NotSupportedError(
      'the KDC sent no PA-ETYPE-INFO2: the client has no key of an enctype this library supports',
    );
  }

  const entry = decodeEtypeInfo2(info.padataValue).find((e) => enctypes.includes(e.etype));
  if (entry === undefined) throw new NotSupportedError('the KDC offered no supported enctype');
  if (entry.salt === undefined)
    throw new ProtocolError('the KDC sent PA-ETYPE-INFO2 without a salt');
  return entry;
}

function passwordKey(password: string, hint: EtypeInfo2Entry): Promise<EncryptionKey> {
  return stringToKey(hint.etype, password, hint.salt ?? '', hint.s2kparams);
}

/** PA-ENC-TIMESTAMP (RFC 4120 section 5.2.7.2). */
function encryptedTimestamp(key: EncryptionKey, now: Date): PaData {
  const ms = now.getTime();
  const plain = encodePaEncTsEnc({
    patimestamp: new Date(wholeSeconds(ms)),
    pausec: (ms - wholeSeconds(ms)) * 1000,
  });
  const cipher = encrypt(key, AS_REQ_PA_ENC_TIMESTAMP, plain);
  return {
    padataType: PA_ENC_TIMESTAMP,
    padataValue: encodeEncryptedData({ etype: key.keytype, cipher }),
  };
}

/** PREAUTH_REQUIRED carries METHOD-DATA in its e-data (RFC 4120 section 5.2.7). */
function preauthHints(error: KrbError): readonly PaData[] {
  if (error.eData === undefined) throw new ProtocolError('PREAUTH_REQUIRED came without e-data');
  return decodeMethodData(error.eData);
}

/** RFC 6113 section 5.2: a client returns the KDC's PA-FX-COOKIE unchanged. */
function cookies(methodData: readonly PaData[]): PaData[] {
  return methodData.filter((p) => p.padataType === PA_FX_COOKIE);
}

function checkReply(
  client: Principal,
  request: SentRequest,
  reply: AsRep,
  key: EncryptionKey,
  etypeInfo: EtypeInfo2Entry,
): InitialTicket {
  if (reply.encPart.etype !== key.keytype) {
    throw new ProtocolError('the AS-REP is encrypted with another enctype than the one used');
  }
  const part = decodeEncKdcRepPart(decrypt(key, AS_REP_ENCPART, reply.encPart.cipher));

  checkAnswers(client, request, reply, part);
  return toInitialTicket(client, request.service, reply, part, etypeInfo);
}

/** The reply must answer this request: RFC 4120 section 3.1.5. */
function checkAnswers(
  client: Principal,
  request: SentRequest,
  reply: AsRep,
  part: EncKdcRepPart,
): void {
  const service = request.service;
  if (part.nonce !== request.nonce) throw new ProtocolError('the AS-REP nonce does not match');
  if (reply.crealm !== client.realm || !sameName(reply.cname, client.name)) {
    throw new ProtocolError(`the AS-REP is for another client than ${unparsePrincipal(client)}`);
  }
  if (part.srealm !== service.realm || !sameName(part.sname, service.name)) {
    throw new ProtocolError(`the AS-REP is for another service than ${unparsePrincipal(service)}`);
  }
  if (reply.ticket.realm !== service.realm || !sameName(reply.ticket.sname, service.name)) {
    throw new ProtocolError('the ticket in the AS-REP names another service');
  }
  if (!request.enctypes.includes(part.key.keytype)) {
    throw new ProtocolError('the session key has an enctype that was not offered');
  }
}

function toInitialTicket(
  client: Principal,
  service: Principal,
  reply: AsRep,
  part: EncKdcRepPart,
  etypeInfo: EtypeInfo2Entry,
): InitialTicket {
  const expiry = passwordExpiry(part);
  return {
    client,
    etypeInfo,
    service,
    ticket: reply.ticket,
    sessionKey: part.key,
    flags: part.flags,
    authtime: part.authtime,
    endtime: part.endtime,
    replyEnctype: etypeInfo.etype,
    ...(part.starttime !== undefined && { starttime: part.starttime }),
    ...(part.renewTill !== undefined && { renewTill: part.renewTill }),
    ...(expiry !== undefined && { passwordExpires: expiry }),
  };
}

/** last-req type 6 is the password expiry; key-expiration is the older field. */
function passwordExpiry(part: EncKdcRepPart): Date | undefined {
  return lastReqValue(part.lastReq, LR_TYPE_PASSWORD_EXPIRATION) ?? part.keyExpiration;
}

function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}
