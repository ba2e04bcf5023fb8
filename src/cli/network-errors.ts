/**
 * Node's socket, TLS and HTTP parser errors, told in words a user can act on. The OpenSSL
 * verification codes are the ones X509_verify_cert reports; Node puts them in `err.code`.
 */

import { ClientError } from './client-error.js';

/** The certificate chain does not lead to a trusted CA. */
const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

const EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

const HTTPS_HINT = '; if it serves HTTPS, use an https:// URL';

const UNREACHABLE: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused (is kerbside running there?)',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be resolved',
  EHOSTUNREACH: 'no route to the host',
  ENETUNREACH: 'the network is unreachable',
  ETIMEDOUT: 'the connection timed out',
  ECONNRESET: 'the server closed the connection',
  EPIPE: 'the server closed the connection',
};

/** A ClientError for a failed request to `url` (undefined: the reply was cut off). */
export function describeNetworkError(err: unknown, url: URL | undefined): ClientError {
  if (err instanceof ClientError) return err;
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  const detail = err instanceof Error ? err.message : String(err);
  const where = url === undefined ? 'the server' : url.host;

  if (UNTRUSTED.has(code)) {
    return new ClientError(
      'ERR_TLS',
      `the TLS certificate of ${where} is not trusted (${code}: ${detail}); ` +
        'if the server uses a private CA, pass its certificate with --ca FILE',
      { cause: err },
    );
  }
  if (EXPIRED.has(code)) {
    return new ClientError(
      'ERR_TLS',
      `the TLS certificate of ${where} is not valid now (${detail})`,
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new ClientError(
      'ERR_TLS',
      `the TLS certificate is not issued for ${url?.hostname ?? 'this host'} (${detail}); ` +
        'use the host name the certificate names',
    );
  }
  if (/WRONG_VERSION_NUMBER|wrong version number/i.test(`${code} ${detail}`)) {
    return new ClientError(
      'ERR_TLS',
      `${where} does not speak TLS; if it serves plain HTTP on loopback, use an http:// URL`,
    );
  }
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code === 'EPROTO') {
    return new ClientError('ERR_TLS', `the TLS handshake with ${where} failed (${detail})`);
  }
  if (code.startsWith('HPE_')) {
    return new ClientError('ERR_PROTOCOL', `${where} did not answer in HTTP${HTTPS_HINT}`);
  }

  const reason = UNREACHABLE[code];
  if (reason !== undefined) {
    // A TLS server hangs up on a plain HTTP request without a word.
    const hint = code === 'ECONNRESET' && url?.protocol === 'http:' ? HTTPS_HINT : '';
    return new ClientError('ERR_UNREACHABLE', `cannot reach ${where}: ${reason}${hint}`, {
      cause: err,
    });
  }
  return new ClientError('ERR_UNREACHABLE', `the request to ${where} failed: ${detail}`, {
    cause: err,
  });
}
