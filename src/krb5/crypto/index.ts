/**
 * Kerberos encryption and checksums for the AES enctypes: RFC 3961's framework with RFC 3962
 * (aes128/aes256-cts-hmac-sha1-96, 17 and 18) and RFC 8009 (aes128-cts-hmac-sha256-128 and
 * aes256-cts-hmac-sha384-192, 19 and 20). Everything else throws NotSupportedError.
 *
 * Primitives come from node:crypto; PBKDF2 runs on the thread pool. Integrity failures of any
 * kind are one uniform IntegrityError, raised after a constant-time compare.
 */

import type { Checksum, EncryptionKey } from '../messages/types.js';
import { IntegrityError, NotSupportedError } from '../errors.js';
import { checksumTypeName } from '../iana/checksum-types.js';
import { constantTimeEqual } from './bytes.js';
import { checkUsage, PREFERENCE_ORDER, profileFor, profileForKey } from './profiles.js';
import { CONFOUNDER_LENGTH } from './profile.js';
import { randomBytes } from './random.js';
import { iterationCount } from './s2kparams.js';

export { enctypeName } from '../iana/enctypes.js';
export { MAX_ITERATIONS } from './s2kparams.js';

/** The enctypes kerbside implements, most preferred first: [18, 17, 20, 19]. */
export const SUPPORTED_ENCTYPES: readonly number[] = PREFERENCE_ORDER;

/** Whether kerbside implements `etype`. */
export function isSupportedEnctype(etype: number): boolean {
  return SUPPORTED_ENCTYPES.includes(etype);
}

/**
 * The long-term key for `password`, with the salt and string-to-key parameters exactly as the
 * KDC gave them in PA-ETYPE-INFO2. The password is used as its UTF-8 bytes, unchanged; a string
 * salt is UTF-8 encoded, a byte salt is used as is. Runs PBKDF2 off the event loop.
 *
 * Rejects with NotSupportedError for an unsupported enctype, ProtocolError for bad parameters
 * (not 4 bytes, or an iteration count of 0 or above {@link MAX_ITERATIONS}).
 *
 * @example await stringToKey(18, 'pässword', 'EXAMPLE.COMalice')
 */
export async function stringToKey(
  etype: number,
  password: string,
  salt: string | Uint8Array,
  s2kparams?: Uint8Array,
): Promise<EncryptionKey> {
  const profile = profileFor(etype);
  const iterations = iterationCount(s2kparams, profile.defaultIterations);

  const saltBytes = typeof salt === 'string' ? Buffer.from(salt, 'utf8') : salt;
  const keyvalue = await profile.stringToKey(Buffer.from(password, 'utf8'), saltBytes, iterations);
  return { keytype: etype, keyvalue };
}

/** A fresh key from the system CSPRNG (random-to-key is the identity for AES). */
export function randomKey(etype: number): EncryptionKey {
  const profile = profileFor(etype);
  return { keytype: etype, keyvalue: randomBytes(profile.keyLength) };
}

/** Encrypts `plaintext` for `usage` under `key`, with a random confounder. */
export function encrypt(key: EncryptionKey, usage: number, plaintext: Uint8Array): Uint8Array {
  return encryptWithConfounder(key, usage, plaintext, randomBytes(CONFOUNDER_LENGTH));
}

/**
 * {@link encrypt} with a chosen confounder, for known-answer tests. Never use a fixed or
 * predictable confounder on real traffic.
 */
export function encryptWithConfounder(
  key: EncryptionKey,
  usage: number,
  plaintext: Uint8Array,
  confounder: Uint8Array,
): Uint8Array {
  const profile = profileForKey(key);
  checkUsage(usage);
  if (confounder.length !== CONFOUNDER_LENGTH) {
    throw new NotSupportedError(`the confounder must be ${CONFOUNDER_LENGTH} bytes`);
  }
  return profile.encrypt(key.keyvalue, usage, plaintext, confounder);
}

/**
 * Decrypts what {@link encrypt} produced and returns the plaintext without its confounder.
 * Throws IntegrityError, and nothing else, when the ciphertext is short, altered, or made with
 * another key or usage.
 */
export function decrypt(key: EncryptionKey, usage: number, ciphertext: Uint8Array): Uint8Array {
  const profile = profileForKey(key);
  checkUsage(usage);
  return profile.decrypt(key.keyvalue, usage, ciphertext);
}

/** The enctype's keyed checksum of `data` (cksumtype 15, 16, 19 or 20). */
export function makeChecksum(key: EncryptionKey, usage: number, data: Uint8Array): Checksum {
  const profile = profileForKey(key);
  checkUsage(usage);
  return { cksumtype: profile.checksumType, checksum: profile.checksum(key.keyvalue, usage, data) };
}

/**
 * Verifies `cksum` over `data`; throws IntegrityError when it does not match, and
 * NotSupportedError when its type is not the key's enctype's checksum type.
 */
export function verifyChecksum(
  key: EncryptionKey,
  usage: number,
  data: Uint8Array,
  cksum: Checksum,
): void {
  const profile = profileForKey(key);
  checkUsage(usage);
  if (cksum.cksumtype !== profile.checksumType) {
    throw new NotSupportedError(
      `checksum type ${cksum.cksumtype} (${checksumTypeName(cksum.cksumtype)}) ` +
        `does not go with a ${profile.name} key`,
    );
  }

  const expected = profile.checksum(key.keyvalue, usage, data);
  if (!constantTimeEqual(expected, cksum.checksum)) throw new IntegrityError();
}
