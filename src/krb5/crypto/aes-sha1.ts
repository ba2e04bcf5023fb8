/**
 * aes128-cts-hmac-sha1-96 (17) and aes256-cts-hmac-sha1-96 (18), RFC 3962: the RFC 3961
 * simplified profile with AES-CTS, HMAC-SHA1 truncated to 96 bits, and PBKDF2-HMAC-SHA1
 * string-to-key.
 */

import { createHmac } from 'node:crypto';

import { IntegrityError } from '../errors.js';
import { concat, constantTimeEqual } from './bytes.js';
import { ctsDecrypt, ctsEncrypt } from './aes-cts.js';
import { pbkdf2 } from './pbkdf2.js';
import { CONFOUNDER_LENGTH, type EnctypeProfile } from './profile.js';
import { deriveKey } from './simplified-profile.js';
import { usageConstant } from './usage-constant.js';

const MAC_LENGTH = 12;

/** The constant string-to-key derives the final key with (RFC 3962 section 4). */
const KERBEROS = new TextEncoder().encode('kerberos');

/** One of the two RFC 3962 enctypes. */
export class AesSha1Enctype implements EnctypeProfile {
  readonly macLength = MAC_LENGTH;
  readonly defaultIterations = 4096;

  constructor(
    readonly etype: number,
    readonly name: string,
    readonly keyLength: number,
    readonly checksumType: number,
  ) {}

  async stringToKey(
    password: Uint8Array,
    salt: Uint8Array,
    iterations: number,
  ): Promise<Uint8Array> {
    const tkey = await pbkdf2(password, salt, iterations, this.keyLength, 'sha1');
    return deriveKey(tkey, KERBEROS);
  }

  encrypt(
    key: Uint8Array,
    usage: number,
    plaintext: Uint8Array,
    confounder: Uint8Array,
  ): Uint8Array {
    const data = concat(confounder, plaintext);
    const ciphertext = ctsEncrypt(deriveKey(key, usageConstant(usage, 'encryption')), data);
    return concat(ciphertext, this.mac(key, usage, data));
  }

  decrypt(key: Uint8Array, usage: number, ciphertext: Uint8Array): Uint8Array {
    if (ciphertext.length < CONFOUNDER_LENGTH + MAC_LENGTH) throw new IntegrityError();
    const body = ciphertext.subarray(0, ciphertext.length - MAC_LENGTH);
    const mac = ciphertext.subarray(ciphertext.length - MAC_LENGTH);

    // RFC 3962 MACs the plaintext, so decryption must come first; the result stays here until
    // the MAC has verified, and is wiped if it does not.
    const data = ctsDecrypt(deriveKey(key, usageConstant(usage, 'encryption')), body);
    if (!constantTimeEqual(this.mac(key, usage, data), mac)) {
      data.fill(0);
      throw new IntegrityError();
    }
    return data.subarray(CONFOUNDER_LENGTH);
  }

  checksum(key: Uint8Array, usage: number, data: Uint8Array): Uint8Array {
    return hmacSha1(deriveKey(key, usageConstant(usage, 'checksum')), data);
  }

  private mac(key: Uint8Array, usage: number, data: Uint8Array): Uint8Array {
    return hmacSha1(deriveKey(key, usageConstant(usage, 'integrity')), data);
  }
}

function hmacSha1(key: Uint8Array, data: Uint8Array): Uint8Array {
  return new Uint8Array(createHmac('sha1', key).update(data).digest().subarray(0, MAC_LENGTH));
}
