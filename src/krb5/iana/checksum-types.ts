/**
 * Kerberos checksum type numbers, from the IANA registry "Kerberos Checksum Type Numbers"
 * (RFC 3961 section 8, RFC 3962, RFC 4757, RFC 6803, RFC 8009). Constant names are the IANA
 * spellings in upper case; {@link CHECKSUM_TYPE_NAMES} keeps the exact IANA spelling.
 */

export const CRC32 = 1;
export const RSA_MD4 = 2;
export const RSA_MD4_DES = 3;
export const DES_MAC = 4;
export const DES_MAC_K = 5;
export const RSA_MD4_DES_K = 6;
export const RSA_MD5 = 7;
export const RSA_MD5_DES = 8;
export const RSA_MD5_DES3 = 9;
export const HMAC_SHA1_DES3_KD = 12;
export const HMAC_SHA1_DES3 = 13;
/** Unkeyed SHA-1 (the registry lists it under both 10 and 14; 14 is the one RFC 3961 uses). */
export const SHA1 = 14;
export const HMAC_SHA1_96_AES128 = 15;
export const HMAC_SHA1_96_AES256 = 16;
export const CMAC_CAMELLIA128 = 17;
export const CMAC_CAMELLIA256 = 18;
export const HMAC_SHA256_128_AES128 = 19;
export const HMAC_SHA384_192_AES256 = 20;
/** The RC4 enctypes' keyed checksum (RFC 4757 section 4). */
export const HMAC_MD5 = -138;

/** The IANA spelling of each registered checksum type number. */
export const CHECKSUM_TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [CRC32, 'CRC32'],
  [RSA_MD4, 'rsa-md4'],
  [RSA_MD4_DES, 'rsa-md4-des'],
  [DES_MAC, 'des-mac'],
  [DES_MAC_K, 'des-mac-k'],
  [RSA_MD4_DES_K, 'rsa-md4-des-k'],
  [RSA_MD5, 'rsa-md5'],
  [RSA_MD5_DES, 'rsa-md5-des'],
  [RSA_MD5_DES3, 'rsa-md5-des3'],
  [10, 'sha1'],
  [HMAC_SHA1_DES3_KD, 'hmac-sha1-des3-kd'],
  [HMAC_SHA1_DES3, 'hmac-sha1-des3'],
  [SHA1, 'sha1'],
  [HMAC_SHA1_96_AES128, 'hmac-sha1-96-aes128'],
  [HMAC_SHA1_96_AES256, 'hmac-sha1-96-aes256'],
  [CMAC_CAMELLIA128, 'cmac-camellia128'],
  [CMAC_CAMELLIA256, 'cmac-camellia256'],
  [HMAC_SHA256_128_AES128, 'hmac-sha256-128-aes128'],
  [HMAC_SHA384_192_AES256, 'hmac-sha384-192-aes256'],
  [HMAC_MD5, 'hmac-md5'],
]);

/** The IANA spelling of a checksum type number, or `unknown(N)`. */
export function checksumTypeName(cksumtype: number): string {
  return CHECKSUM_TYPE_NAMES.get(cksumtype) ?? `unknown(${cksumtype})`;
}
