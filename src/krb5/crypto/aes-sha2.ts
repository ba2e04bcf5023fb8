/**
 * aes128-cts-hmac-sha256-128 (19) and aes256-cts-hmac-sha384-192 (20), RFC 8009: AES-CTS with
 * encrypt-then-MAC (HMAC-SHA2 over IV | ciphertext), keys derived with KDF-HMAC-SHA2, and
 * PBKDF2-HMAC-SHA2 string-to-key over a salt prefixed with the enctype name.
 */

import { createHmac } from 'node:crypto';

import { IntegrityError } from '../errors.js';
import { concat, constantTimeEqual } from './bytes.js';
import { AES_BLOCK_SIZE, ctsDecrypt, ctsEncrypt } from './aes-cts.js';
import { kdfHmacSha2, type Sha2Hash } from './kdf-hmac-sha2.js';
import { pbkdf2 } from './pbkdf2.js';
import { CONFOUNDER_LENGTH, type EnctypeProfile } from './profile.js';
import { usageConstant, type KeyPurpose } from './usage-constant.js';

/** The label string-to-key derives the base key with (RFC 8009 section 4). */
const KERBEROS = new TextEncoder().encode('kerberos');

/** The cipher state every Kerberos message starts from; it is part of the MAC input. */
const ZERO_IV = new Uint8Array(AES_BLOCK_SIZE);

/** The sizes that tell the two RFC 8009 enctypes apart. */
export interface AesSha2Sizes {
  /** AES key length in bytes: 16 or 32. */
  readonly keyLength: number;
  /** HMAC hash. */
  readonly hash: Sha2Hash;
  /** Truncated MAC and checksum length in bytes (also the length of Kc and Ki). */
  readonly macLength: number;
}

/** One of the two RFC 8009 enctypes. */
export class AesSha2Enctype implements EnctypeProfile {
  readonly keyLength: number;
  readonly macLength: number;
  readonly defaultIterations = 32768;
  private readonly hash: Sha2Hash;

  constructor(
    readonly etype: number,
    readonly name: string,
    readonly checksumType: number,
    sizes: AesSha2Sizes,
  ) {
    this.keyLength = sizes.keyLength;
    this.macLength = sizes.macLength;
    this.hash = sizes.hash;
  }

  async stringToKey(
    password: Uint8Array,
    salt: Uint8Array,
    iterations: number,
  ): Promise<Uint8Array> {
    // saltp = enctype-name | 0x00 | salt (RFC 8009 section 4)
    const saltp = concat(new TextEncoder().encode(this.name), Uint8Array.of(0), salt);
    const tkey = await pbkdf2(password, saltp, iterations, this.keyLength, this.hash);
    return kdfHmacSha2(this.hash, tkey, KERBEROS, this.keyLength * 8);
  }

  /** Kc, Ke or Ki for `usage` (RFC 8009 section 5). */
  deriveKey(key: Uint8Array, usage: number, purpose: KeyPurpose): Uint8Array {
    const bytes = purpose === 'encryption' ? this.keyLength : this.macLength;
    return kdfHmacSha2(this.hash, key, usageConstant(usage, purpose), bytes * 8);
  }

  encrypt(
    key: Uint8Array,
    usage: number,
    plaintext: Uint8Array,
    confounder: Uint8Array,
  ): Uint8Array {
    const ke = this.deriveKey(key, usage, 'encryption');
    const ciphertext = ctsEncrypt(ke, concat(confounder, plaintext), ZERO_IV);
    return concat(ciphertext, this.mac(key, usage, ciphertext));
  }

  decrypt(key: Uint8Array, usage: number, ciphertext: Uint8Array): Uint8Array {
    if (ciphertext.length < CONFOUNDER_LENGTH + this.macLength) throw new IntegrityError();
    const body = ciphertext.subarray(0, ciphertext.length - this.macLength);
    const mac = ciphertext.subarray(ciphertext.length - this.macLength);

    // Encrypt-then-MAC: nothing is decrypted unless the MAC verifies.
    if (!constantTimeEqual(this.mac(key, usage, body), mac)) throw new IntegrityError();

    const ke = this.deriveKey(key, usage, 'encryption');
    return ctsDecrypt(ke, body, ZERO_IV).subarray(CONFOUNDER_LENGTH);
  }

  checksum(key: Uint8Array, usage: number, data: Uint8Array): Uint8Array {
    return this.hmac(this.deriveKey(key, usage, 'checksum'), data);
  }

  private mac(key: Uint8Array, usage: number, ciphertext: Uint8Array): Uint8Array {
    return this.hmac(this.deriveKey(key, usage, 'integrity'), concat(ZERO_IV, ciphertext));
  }

  private hmac(key: Uint8Array, data: Uint8Array): Uint8Array {
    const digest = createHmac(this.hash, key).update(data).digest();
    return new Uint8Array(digest.subarray(0, this.macLength));
  }
}
