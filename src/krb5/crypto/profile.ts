/**
 * What every supported enctype provides (the RFC 3961 section 3 operations), on raw key bytes
 * whose length the caller has already checked.
 */
export interface EnctypeProfile {
  /** The enctype number (IANA). */
  readonly etype: number;
  /** The IANA spelling, e.g. 'aes256-cts-hmac-sha1-96'. */
  readonly name: string;
  /** Key length in bytes. */
  readonly keyLength: number;
  /** The keyed checksum type that goes with this enctype (its "required checksum mechanism"). */
  readonly checksumType: number;
  /** Length in bytes of that checksum, and of the MAC appended to each ciphertext. */
  readonly macLength: number;
  /** PBKDF2 iterations when the KDC sends no string-to-key parameters. */
  readonly defaultIterations: number;

  /** string-to-key with the salt verbatim and an already validated iteration count. */
  stringToKey(password: Uint8Array, salt: Uint8Array, iterations: number): Promise<Uint8Array>;

  /** Encrypts with the given 16-byte confounder; the result is ciphertext then MAC. */
  encrypt(
    key: Uint8Array,
    usage: number,
    plaintext: Uint8Array,
    confounder: Uint8Array,
  ): Uint8Array;

  /** Verifies the MAC, then returns the plaintext without confounder; IntegrityError otherwise. */
  decrypt(key: Uint8Array, usage: number, ciphertext: Uint8Array): Uint8Array;

  /** The keyed checksum of `data` (as many bytes as {@link macLength}). */
  checksum(key: Uint8Array, usage: number, data: Uint8Array): Uint8Array;
}

/** The confounder length of the AES enctypes: one cipher block. */
export const CONFOUNDER_LENGTH = 16;
