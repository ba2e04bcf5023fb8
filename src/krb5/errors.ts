/**
 * Typed errors of the Kerberos library. Every failure the library reports is a
 * {@link KerberosError} with a stable string `code`; callers branch on the code, never on
 * the message. Messages never contain a password, key, ticket or plaintext.
 */

export type KerberosErrorCode =
  | 'ERR_DECODE'
  | 'ERR_INTEGRITY'
  | 'ERR_NOT_SUPPORTED'
  | 'ERR_TIMEOUT'
  | 'ERR_UNREACHABLE'
  | 'ERR_CONFIG'
  | 'ERR_PROTOCOL'
  | 'ERR_KDC'
  | 'ERR_OUTCOME_UNKNOWN';

export class KerberosError extends Error {
  readonly code: KerberosErrorCode;

  constructor(code: KerberosErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** Malformed, truncated, over-long or trailing-garbage input to a decoder. */
export class DecodeError extends KerberosError {
  constructor(message: string) {
    super('ERR_DECODE', message);
  }
}

/**
 * A checksum or MAC did not verify. Deliberately carries no detail: every integrity
 * failure looks the same to the caller (RFC 3961 section 5.3 decrypt semantics).
 */
export class IntegrityError extends KerberosError {
  constructor() {
    super('ERR_INTEGRITY', 'integrity check failed');
  }
}

/** An enctype, checksum type, name type or feature this library does not implement. */
export class NotSupportedError extends KerberosError {
  constructor(message: string) {
    super('ERR_NOT_SUPPORTED', message);
  }
}

/** No answer within the configured time. */
export class TimeoutError extends KerberosError {
  constructor(message: string) {
    super('ERR_TIMEOUT', message);
  }
}

/** No server could be reached (connection refused, no route, no address configured). */
export class UnreachableError extends KerberosError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_UNREACHABLE', message, options);
  }
}

/** krb5.conf or the caller's options are missing something or are wrong. */
export class ConfigError extends KerberosError {
  constructor(message: string) {
    super('ERR_CONFIG', message);
  }
}

/** A well-formed message that does not answer our request (wrong nonce, name, realm...). */
export class ProtocolError extends KerberosError {
  constructor(message: string) {
    super('ERR_PROTOCOL', message);
  }
}

/** One PA-DATA element as carried in a KRB-ERROR's e-data (RFC 4120 section 5.2.7). */
export interface ErrorPaData {
  readonly type: number;
  readonly value: Uint8Array;
}

export interface KdcErrorDetails {
  /** error-code of the KRB-ERROR (RFC 4120 section 7.5.9). */
  readonly errorCode: number;
  /** The RFC's name for it, e.g. KDC_ERR_PREAUTH_FAILED; UNKNOWN_<n> when unknown. */
  readonly errorName: string;
  readonly eText?: string;
  /** Raw e-data, when present. */
  readonly eData?: Uint8Array;
  /** e-data decoded as METHOD-DATA, when it is one. */
  readonly padata?: readonly ErrorPaData[];
  /** The KDC's clock at the time of the error (for clock-skew diagnosis). */
  readonly serverTime?: Date;
}

/** The KDC answered with a KRB-ERROR. */
export class KdcError extends KerberosError implements KdcErrorDetails {
  readonly errorCode: number;
  readonly errorName: string;
  readonly eText?: string;
  readonly eData?: Uint8Array;
  readonly padata?: readonly ErrorPaData[];
  readonly serverTime?: Date;

  constructor(details: KdcErrorDetails) {
    const text = details.eText ? `: ${details.eText}` : '';
    super('ERR_KDC', `KDC error ${details.errorCode} ${details.errorName}${text}`);
    this.errorCode = details.errorCode;
    this.errorName = details.errorName;
    if (details.eText !== undefined) this.eText = details.eText;
    if (details.eData !== undefined) this.eData = details.eData;
    if (details.padata !== undefined) this.padata = details.padata;
    if (details.serverTime !== undefined) this.serverTime = details.serverTime;
  }
}

/**
 * Whether a request may have reached the server. A password change (RFC 3244) must never be
 * resent once this is true; an AS request may be.
 */
export interface RequestSentInfo {
  readonly requestSent: boolean;
}

/**
 * A {@link TimeoutError} from the transport. `requestSent` is false when a TCP connection
 * could not be opened in time, true when the request went out and no reply came.
 */
export class TransportTimeoutError extends TimeoutError implements RequestSentInfo {
  readonly requestSent: boolean;

  constructor(message: string, requestSent: boolean) {
    super(message);
    this.requestSent = requestSent;
  }
}

/**
 * An {@link UnreachableError} from the transport. `requestSent` is false when nothing was
 * sent (refused, no route); true when the peer hung up after the request went out.
 */
export class TransportUnreachableError extends UnreachableError implements RequestSentInfo {
  readonly requestSent: boolean;

  constructor(message: string, requestSent: boolean, options?: { cause?: unknown }) {
    super(message, options);
    this.requestSent = requestSent;
  }
}

/** A reply whose framing is invalid (RFC 4120 section 7.2.2); the request was sent. */
export class TransportDecodeError extends DecodeError implements RequestSentInfo {
  readonly requestSent = true;
}
