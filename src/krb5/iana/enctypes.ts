/**
 * Kerberos encryption type numbers, from the IANA registry "Kerberos Encryption Type Numbers"
 * (RFC 3961 section 8, RFC 3962, RFC 4757, RFC 6803, RFC 8009). Constant names are the IANA
 * spellings in upper case; {@link ENCTYPE_NAMES} keeps the exact IANA spelling.
 */

export const DES_CBC_CRC = 1;
export const DES_CBC_MD4 = 2;
export const DES_CBC_MD5 = 3;
export const DES3_CBC_MD5 = 5;
export const DES3_CBC_SHA1 = 7;
export const DSA_WITH_SHA1_CMS_OID = 9;
export const MD5_WITH_RSA_ENCRYPTION_CMS_OID = 10;
export const SHA1_WITH_RSA_ENCRYPTION_CMS_OID = 11;
export const RC2_CBC_ENV_OID = 12;
export const RSA_ENCRYPTION_ENV_OID = 13;
export const RSAES_OAEP_ENV_OID = 14;
export const DES_EDE3_CBC_ENV_OID = 15;
export const DES3_CBC_SHA1_KD = 16;
export const AES128_CTS_HMAC_SHA1_96 = 17;
export const AES256_CTS_HMAC_SHA1_96 = 18;
export const AES128_CTS_HMAC_SHA256_128 = 19;
export const AES256_CTS_HMAC_SHA384_192 = 20;
export const RC4_HMAC = 23;
export const RC4_HMAC_EXP = 24;
export const CAMELLIA128_CTS_CMAC = 25;
export const CAMELLIA256_CTS_CMAC = 26;
export const SUBKEY_KEYMATERIAL = 65;

/** The IANA spelling of each registered enctype number. */
export const ENCTYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [DES_CBC_CRC, 'des-cbc-crc'],
  [DES_CBC_MD4, 'des-cbc-md4'],
  [DES_CBC_MD5, 'des-cbc-md5'],
  [DES3_CBC_MD5, 'des3-cbc-md5'],
  [DES3_CBC_SHA1, 'des3-cbc-sha1'],
  [DSA_WITH_SHA1_CMS_OID, 'dsaWithSHA1-CmsOID'],
  [MD5_WITH_RSA_ENCRYPTION_CMS_OID, 'md5WithRSAEncryption-CmsOID'],
  [SHA1_WITH_RSA_ENCRYPTION_CMS_OID, 'sha1WithRSAEncryption-CmsOID'],
  [RC2_CBC_ENV_OID, 'rc2CBC-EnvOID'],
  [RSA_ENCRYPTION_ENV_OID, 'rsaEncryption-EnvOID'],
  [RSAES_OAEP_ENV_OID, 'rsaES-OAEP-ENV-OID'],
  [DES_EDE3_CBC_ENV_OID, 'des-ede3-cbc-Env-OID'],
  [DES3_CBC_SHA1_KD, 'des3-cbc-sha1-kd'],
  [AES128_CTS_HMAC_SHA1_96, 'aes128-cts-hmac-sha1-96'],
  [AES256_CTS_HMAC_SHA1_96, 'aes256-cts-hmac-sha1-96'],
  [AES128_CTS_HMAC_SHA256_128, 'aes128-cts-hmac-sha256-128'],
  [AES256_CTS_HMAC_SHA384_192, 'aes256-cts-hmac-sha384-192'],
  [RC4_HMAC, 'rc4-hmac'],
  [RC4_HMAC_EXP, 'rc4-hmac-exp'],
  [CAMELLIA128_CTS_CMAC, 'camellia128-cts-cmac'],
  [CAMELLIA256_CTS_CMAC, 'camellia256-cts-cmac'],
  [SUBKEY_KEYMATERIAL, 'subkey-keymaterial'],
]);

/**
 * The IANA spelling of an enctype number, or `unknown(N)` for a number the registry (as known
 * here) does not list.
 *
 * @example enctypeName(18) // 'aes256-cts-hmac-sha1-96'
 */
export function enctypeName(etype: number): string {
  return ENCTYPE_NAMES.get(etype) ?? `unknown(${etype})`;
}
