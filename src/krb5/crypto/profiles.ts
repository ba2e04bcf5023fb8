/** The enctypes kerbside implements, and the checks every operation starts with. */

import type { EncryptionKey } from '../messages/types.js';
import { ConfigError, NotSupportedError, ProtocolError } from '../errors.js';
import * as cksumtypes from '../iana/checksum-types.js';
import * as enctypes from '../iana/enctypes.js';
import { enctypeName } from '../iana/enctypes.js';
import { AesSha1Enctype } from './aes-sha1.js';
import { AesSha2Enctype } from './aes-sha2.js';
import type { EnctypeProfile } from './profile.js';

const PROFILES: ReadonlyMap<number, EnctypeProfile> = new Map<number, EnctypeProfile>([
  [
    enctypes.AES256_CTS_HMAC_SHA1_96,
    new AesSha1Enctype(
      enctypes.AES256_CTS_HMAC_SHA1_96,
      enctypeName(enctypes.AES256_CTS_HMAC_SHA1_96),
      32,
      cksumtypes.HMAC_SHA1_96_AES256,
    ),
  ],
  [
    enctypes.AES128_CTS_HMAC_SHA1_96,
    new AesSha1Enctype(
      enctypes.AES128_CTS_HMAC_SHA1_96,
      enctypeName(enctypes.AES128_CTS_HMAC_SHA1_96),
      16,
      cksumtypes.HMAC_SHA1_96_AES128,
    ),
  ],
  [
    enctypes.AES256_CTS_HMAC_SHA384_192,
    new AesSha2Enctype(
      enctypes.AES256_CTS_HMAC_SHA384_192,
      enctypeName(enctypes.AES256_CTS_HMAC_SHA384_192),
      cksumtypes.HMAC_SHA384_192_AES256,
      { keyLength: 32, hash: 'sha384', macLength: 24 },
    ),
  ],
  [
    enctypes.AES128_CTS_HMAC_SHA256_128,
    new AesSha2Enctype(
      enctypes.AES128_CTS_HMAC_SHA256_128,
      enctypeName(enctypes.AES128_CTS_HMAC_SHA256_128),
      cksumtypes.HMAC_SHA256_128_AES128,
      { keyLength: 16, hash: 'sha256', macLength: 16 },
    ),
  ],
]);

/** Supported enctypes in preference order (MIT's default order: aes256-sha1 first). */
export const PREFERENCE_ORDER: readonly number[] = Object.freeze([...PROFILES.keys()]);

/** The profile of `etype`; NotSupportedError naming it when kerbside does not implement it. */
export function profileFor(etype: number): EnctypeProfile {
  const profile = PROFILES.get(etype);
  if (profile === undefined) {
    const supported = PREFERENCE_ORDER.map(enctypeName).join(', ');
    throw new NotSupportedError(
      `enctype ${etype} (${enctypeName(etype)}) is not supported; supported: ${supported}`,
    );
  }
  return profile;
}

/** The profile of `key`'s enctype, after checking the key's length. */
export function profileForKey(key: EncryptionKey): EnctypeProfile {
  const profile = profileFor(key.keytype);
  if (key.keyvalue.length !== profile.keyLength) {
    throw new ProtocolError(
      `a ${profile.name} key must be ${profile.keyLength} bytes, got ${key.keyvalue.length}`,
    );
  }
  return profile;
}

/** Throws ConfigError unless `usage` is a key usage number (an unsigned 32-bit integer). */
export function checkUsage(usage: number): void {
  if (!Number.isInteger(usage) || usage < 0 || usage > 0xffffffff) {
    throw new ConfigError(`key usage must be an integer from 0 to 4294967295, got ${usage}`);
  }
}
