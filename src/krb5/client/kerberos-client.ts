import { kdcAddresses, kpasswdAddresses, type Krb5Config } from '../config/index.js';
import { KRB_ERR_RESPONSE_TOO_BIG } from '../iana/error-codes.js';
import { ConfigError } from '../errors.js';
import { changePassword, type ChangePasswordResult } from '../kpasswd/change.js';
import { decodeKdcReply } from '../messages/index.js';
import type { EtypeInfo2Entry } from '../messages/types.js';
import { exchangeTcp, exchangeUdp, sendToKdc } from '../transport/index.js';
import { getInitialTicket, type InitialTicket, type KdcSender } from './as-exchange.js';
import { parsePrincipal, type Principal } from './principal.js';

export interface KerberosClientOptions {
  readonly config: Krb5Config;
  /** Time allowed for one attempt at one server, in milliseconds (default 3000). */
  readonly timeoutMs?: number;
  /** Confirm every successful change with an AS exchange using the new password (default on). */
  readonly confirmChanges?: boolean;
  /** The clock (injectable for tests). */
  readonly now?: () => Date;
}

/**
 * The library's entry point: logs in and changes passwords against the realms of a krb5.conf.
 * Holds no secrets between calls.
 */
export class KerberosClient {
  readonly #options: KerberosClientOptions;

  constructor(options: KerberosClientOptions) {
    this.#options = options;
  }

  /** The realm of krb5.conf's default_realm. */
  get defaultRealm(): string {
    const realm = this.#options.config.defaultRealm;
    if (realm === undefined) throw new ConfigError('krb5.conf sets no default_realm');
    return realm;
  }

  /** A principal from a user name (`name` or `name/instance`) and a realm. */
  principal(user: string, realm: string): Principal {
    return parsePrincipal(`${user}@${realm}`, realm);
  }

  /**
   * An AS exchange: proves the password and returns the ticket and its facts. Every failure,
   * a configuration error included, is a rejection (async: nothing is thrown synchronously).
   */
  async getInitialTicket(
    client: Principal,
    password: string,
    service?: Principal,
  ): Promise<InitialTicket> {
    return getInitialTicket({
      client,
      password,
      send: this.kdcSender(client.realm),
      ...(service !== undefined && { service }),
      ...(this.#options.now !== undefined && { now: this.#options.now }),
    });
  }

  /**
   * Changes the principal's own password (RFC 3244). A realm without a password server is a
   * rejected ConfigError, found before anything is sent. `hints.etypeInfo`, the KDC's
   * string-to-key parameters for this client from an earlier exchange (an InitialTicket's or
   * a ChangePasswordResult's), saves a KDC round trip.
   */
  async changePassword(
    client: Principal,
    oldPassword: string,
    newPassword: string,
    hints: { readonly etypeInfo?: EtypeInfo2Entry } = {},
  ): Promise<ChangePasswordResult> {
    return changePassword({
      client,
      oldPassword,
      newPassword,
      ...(hints.etypeInfo !== undefined && { etypeInfo: hints.etypeInfo }),
      kdc: this.kdcSender(client.realm),
      servers: kpasswdAddresses(this.#options.config, client.realm),
      tcp: exchangeTcp,
      udp: exchangeUdp,
      timeoutMs: this.timeoutMs,
      confirm: this.#options.confirmChanges ?? true,
      ...(this.#options.now !== undefined && { now: this.#options.now }),
    });
  }

  /** A sender bound to the realm's KDCs, in krb5.conf order. */
  kdcSender(realm: string): KdcSender {
    const addresses = kdcAddresses(this.#options.config, realm);
    return (request) =>
      sendToKdc(addresses, request, {
        timeoutMs: this.timeoutMs,
        isResponseTooBig: isResponseTooBig,
      });
  }

  private get timeoutMs(): number {
    return this.#options.timeoutMs ?? 3000;
  }
}

function isResponseTooBig(reply: Uint8Array): boolean {
  try {
    const decoded = decodeKdcReply(reply);
    return decoded.kind === 'KRB-ERROR' && decoded.value.errorCode === KRB_ERR_RESPONSE_TOO_BIG;
  } catch {
    return false;
  }
}
