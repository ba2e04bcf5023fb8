import {
  getInitialTicket,
  type InitialTicket,
  type AsExchangeOptions,
  type KdcSender,
} from '../client/as-exchange.js';
import { kadminChangepw, krbtgt, type Principal } from '../client/principal.js';
import type { HostPort } from '../config/index.js';
import { KerberosError, KdcError, UnreachableError } from '../errors.js';
import type { EtypeInfo2Entry } from '../messages/types.js';
import { EarlyConnection } from '../transport/early-connection.js';
import type { ExchangeOptions, RequestBuilder } from '../transport/index.js';
import { decodeKrbError, toKdcError } from '../messages/index.js';
import { KPASSWD_RESULT, parseKpasswdResult, type KpasswdResult } from './result.js';
import { buildChangeRequest, openChangeReply, type KpasswdSession } from './session.js';
import { parseReply, parseResultData } from './wire.js';

/**
 * One request to one password server over one transport. `build` is called once the socket is
 * connected, with this end's address (it goes into the KRB-PRIV). Must reject with
 * UnreachableError (requestSent false) when nothing was sent, and with an error whose
 * `requestSent` is true when the request may have reached the server.
 */
export type KpasswdTransport = (
  server: HostPort,
  build: RequestBuilder,
  options: ExchangeOptions,
  early?: EarlyConnection,
) => Promise<Uint8Array>;

export interface ChangePasswordOptions {
  readonly client: Principal;
  readonly oldPassword: string;
  readonly newPassword: string;
  /** Sends AS requests to the realm's KDCs. */
  readonly kdc: KdcSender;
  /** The realm's password servers: kpasswd_server, else admin_server on port 464. */
  readonly servers: readonly HostPort[];
  readonly tcp: KpasswdTransport;
  readonly udp: KpasswdTransport;
  readonly timeoutMs: number;
  /** Confirm a success with an AS exchange using the new password (default true). */
  readonly confirm?: boolean;
  /**
   * The KDC's string-to-key parameters for this client from an earlier exchange (an
   * InitialTicket's or a ChangePasswordResult's `etypeInfo`; not secret). The old password's
   * key is then derived while the first AS request asks the KDC for its parameters, and used
   * only if they are the same: a stale guess costs time, never a failed pre-authentication.
   */
  readonly etypeInfo?: EtypeInfo2Entry;
  readonly now?: () => Date;
}

export interface ChangePasswordResult {
  /** The server's answer, or a synthesised success when a lost reply was recovered. */
  readonly result: KpasswdResult;
  /** For a success with confirmation on: whether the KDC already accepts the new password. */
  readonly confirmed?: boolean;
  /** The password expiry the confirming exchange reported. */
  readonly passwordExpires?: Date;
  /** True when the reply was lost and the change was recovered by logging in with it. */
  readonly recovered?: boolean;
  /**
   * The KDC's string-to-key parameters for the client's keys as they now are: from the
   * confirming (or recovering) login after a change, from the old password's exchange when
   * nothing changed; absent when unknown (an unconfirmed change).
   */
  readonly etypeInfo?: EtypeInfo2Entry;
}

/** The request may have reached the server and no answer came back: never resend it. */
export class OutcomeUnknownError extends KerberosError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_OUTCOME_UNKNOWN', message, options);
  }
}

/**
 * Changes a principal's own password (RFC 3244, protocol version 1). The AS exchange for
 * kadmin/changepw with the old password proves it, and works for expired and must-change
 * principals; a KdcError from it (wrong password, locked, unknown) is thrown as is.
 * Result codes 1-7 are returned, not thrown: they are answers.
 */
export async function changePassword(
  options: ChangePasswordOptions,
): Promise<ChangePasswordResult> {
  const now = options.now ?? (() => new Date());
  // With the client's parameters known, the old password's key (the longest step) is derived
  // while the first request asks the KDC for them.
  const ticketRequest = getInitialTicket({
    client: options.client,
    password: options.oldPassword,
    service: kadminChangepw(options.client.realm),
    send: options.kdc,
    lifetimeSeconds: 300,
    now,
    ...(options.etypeInfo !== undefined && { etypeInfoHint: options.etypeInfo }),
  });
  // The password server's connection is made meanwhile.
  const first = options.servers[0];
  const early = first === undefined ? undefined : EarlyConnection.open(first, options.timeoutMs);
  let ticket: InitialTicket;
  try {
    ticket = await ticketRequest;
  } catch (err) {
    early?.close();
    throw err;
  }

  // The request leaves first; the confirmation is prepared while the server works on it.
  const changing = changeOnce(options, ticket, now, early);
  const confirmation = startConfirmation(options, ticket);
  let outcome: ChangePasswordResult;
  try {
    outcome = await changing;
  } catch (err) {
    confirmation?.cancel();
    throw err;
  } finally {
    early?.close();
  }

  // A recovered change was confirmed by the login that recovered it.
  if (outcome.recovered === true) {
    confirmation?.cancel();
    return outcome;
  }
  if (outcome.result.code !== KPASSWD_RESULT.SUCCESS) {
    confirmation?.cancel();
    // Nothing changed: the parameters of the old password's exchange still hold.
    return { ...outcome, etypeInfo: ticket.etypeInfo };
  }
  if (confirmation === undefined) return outcome;
  return { ...outcome, ...(await confirmation.go()) };
}

/**
 * The RFC 3244 request and the server's answer; or, when the reply was lost or could not be
 * verified, what logging in with the new password showed.
 */
async function changeOnce(
  options: ChangePasswordOptions,
  ticket: InitialTicket,
  now: () => Date,
  early: EarlyConnection | undefined,
): Promise<ChangePasswordResult> {
  let outcome: { session: KpasswdSession; reply: Uint8Array };
  try {
    outcome = await sendOnce(options, ticket, now, early);
  } catch (err) {
    if (!wasSent(err)) throw err;
    return recoverLostReply(options, 'did not answer after the request was sent', err);
  }

  try {
    return { result: readReply(outcome.session, outcome.reply) };
  } catch (err) {
    // A reply that does not decode or verify says nothing trustworthy about the change.
    if (err instanceof KdcError || !(err instanceof KerberosError)) throw err;
    return recoverLostReply(options, 'sent a reply that could not be verified', err);
  }
}

/**
 * The confirming AS exchange, prepared while the change is in flight: the new password's key
 * is derived, the request made and the KDC connection opened meanwhile; the request leaves
 * on `go()`. With several KDCs a replica may not have the new password yet: that is
 * reported (`confirmed: false`), not hidden.
 */
interface PendingConfirmation {
  go(): Promise<Pick<ChangePasswordResult, 'confirmed' | 'passwordExpires' | 'etypeInfo'>>;
  cancel(): void;
}

function startConfirmation(
  options: ChangePasswordOptions,
  ticket: InitialTicket,
): PendingConfirmation | undefined {
  if (options.confirm === false) return undefined;
  let release!: (go: boolean) => void;
  const released = new Promise<boolean>((resolve) => (release = resolve));
  const sendAfter = released.then((go) => go || Promise.reject(new ConfirmationCancelled()));
  // The new password's key is derived under the old keys' parameters while the server
  // works; the password server may have made the new keys with another salt, so the KDC is
  // asked first and the key used only if it names the same (a key sent unchecked would count
  // a failed attempt when it does not).
  const login = tryNewPassword(options, krbtgt(options.client.realm), {
    etypeInfoHint: ticket.etypeInfo,
    sendAfter,
  });
  // A cancelled confirmation rejects: nobody waits for it then.
  login.catch(() => undefined);
  return {
    go: async () => {
      release(true);
      const confirmed = await login;
      if (confirmed === undefined) return { confirmed: false };
      // The new keys' parameters: the password server may have chosen another salt.
      return { confirmed: true, etypeInfo: confirmed.etypeInfo, ...expiryOf(confirmed) };
    },
    cancel: () => release(false),
  };
}

/** Why a prepared confirmation sent nothing: the change did not succeed. */
class ConfirmationCancelled extends Error {}

/**
 * Tries each server, TCP first and UDP only when TCP could not connect (MIT's server takes a
 * UDP retransmission for a replay, and a change must never be sent twice). Once a request may
 * have reached a server no other attempt is made.
 */
async function sendOnce(
  options: ChangePasswordOptions,
  ticket: InitialTicket,
  now: () => Date,
  early: EarlyConnection | undefined,
): Promise<{ session: KpasswdSession; reply: Uint8Array }> {
  const failures: string[] = [];
  for (const server of options.servers) {
    for (const [name, transport] of [
      ['tcp', options.tcp],
      ['udp', options.udp],
    ] as const) {
      let session: KpasswdSession | undefined;
      const build = (local: string): Uint8Array => {
        const built = buildChangeRequest(ticket, options.newPassword, local, now());
        session = built.session;
        return built.request;
      };
      try {
        const reply = await transport(server, build, { timeoutMs: options.timeoutMs }, early);
        if (session === undefined) throw new Error('transport returned without building a request');
        return { session, reply };
      } catch (err) {
        // Only a transport's explicit "nothing was sent" allows another attempt.
        if (sentState(err) !== false) throw err;
        failures.push(`${name}:${server.host}:${server.port} (${describe(err)})`);
      }
    }
  }
  throw new UnreachableError(`no password server could be reached: ${failures.join(', ')}`);
}

function readReply(session: KpasswdSession, reply: Uint8Array): KpasswdResult {
  const framed = parseReply(reply);
  if (framed.kind === 'error') {
    // MIT puts the result code and string in the e-data of a KRB-ERROR it cannot wrap in a
    // KRB-PRIV (for instance when the AP-REQ was refused).
    const error = decodeKrbError(framed.krbError);
    if (error.eData === undefined || error.eData.length < 2) throw toKdcError(error);
    const data = parseResultData(error.eData);
    // A KRB-ERROR is never a success, whatever code its e-data claims.
    return parseKpasswdResult(data.code === 0 ? KPASSWD_RESULT.HARDERROR : data.code, data.text);
  }

  const data = parseResultData(openChangeReply(session, framed.apRep, framed.krbPriv));
  return parseKpasswdResult(data.code, data.text);
}

/**
 * The request was sent and no reply came. Logging in with the new password tells whether
 * the change happened; if it does not work, the outcome stays unknown (the change may still
 * be in progress, or may have been refused).
 */
async function recoverLostReply(
  options: ChangePasswordOptions,
  what: string,
  cause: unknown,
): Promise<ChangePasswordResult> {
  const login = await tryNewPassword(options, kadminChangepw(options.client.realm));
  if (login === undefined) {
    throw new OutcomeUnknownError(
      `the password server ${what} (${describe(cause)}); ` +
        'the password may or may not have been changed',
      { cause },
    );
  }
  return {
    result: parseKpasswdResult(KPASSWD_RESULT.SUCCESS, new Uint8Array()),
    confirmed: true,
    recovered: true,
    etypeInfo: login.etypeInfo,
    ...expiryOf(login),
  };
}

/** An AS exchange with the new password; undefined when the KDC does not accept it. */
async function tryNewPassword(
  options: ChangePasswordOptions,
  service: Principal,
  extra: Pick<AsExchangeOptions, 'etypeInfoHint' | 'sendAfter'> = {},
): Promise<InitialTicket | undefined> {
  try {
    return await getInitialTicket({
      client: options.client,
      password: options.newPassword,
      service,
      send: options.kdc,
      lifetimeSeconds: 60,
      ...extra,
      ...(options.now !== undefined && { now: options.now }),
    });
  } catch (err) {
    if (err instanceof KerberosError) return undefined;
    throw err;
  }
}

function expiryOf(ticket: InitialTicket): { passwordExpires?: Date } {
  return ticket.passwordExpires === undefined ? {} : { passwordExpires: ticket.passwordExpires };
}

/** The transport's `requestSent`: true, false, or undefined for an error of another kind. */
function sentState(err: unknown): boolean | undefined {
  const sent = (err as { requestSent?: unknown } | null)?.requestSent;
  return typeof sent === 'boolean' ? sent : undefined;
}

function wasSent(err: unknown): boolean {
  return sentState(err) === true;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
