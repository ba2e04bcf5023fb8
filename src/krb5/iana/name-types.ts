/**
 * Principal name types (RFC 4120 section 6.2 and 7.5.8; NT-ENTERPRISE RFC 6806; NT-WELLKNOWN
 * RFC 6111).
 */

export const NT_UNKNOWN = 0;
export const NT_PRINCIPAL = 1;
export const NT_SRV_INST = 2;
export const NT_SRV_HST = 3;
export const NT_SRV_XHST = 4;
export const NT_UID = 5;
export const NT_X500_PRINCIPAL = 6;
export const NT_SMTP_NAME = 7;
export const NT_ENTERPRISE = 10;
export const NT_WELLKNOWN = 11;

const NAMES: ReadonlyMap<number, string> = new Map([
  [NT_UNKNOWN, 'NT-UNKNOWN'],
  [NT_PRINCIPAL, 'NT-PRINCIPAL'],
  [NT_SRV_INST, 'NT-SRV-INST'],
  [NT_SRV_HST, 'NT-SRV-HST'],
  [NT_SRV_XHST, 'NT-SRV-XHST'],
  [NT_UID, 'NT-UID'],
  [NT_X500_PRINCIPAL, 'NT-X500-PRINCIPAL'],
  [NT_SMTP_NAME, 'NT-SMTP-NAME'],
  [NT_ENTERPRISE, 'NT-ENTERPRISE'],
  [NT_WELLKNOWN, 'NT-WELLKNOWN'],
]);

/** The registry's name for a name type, e.g. `NT-PRINCIPAL`; `UNKNOWN_<n>` otherwise. */
export function nameTypeName(nameType: number): string {
  return NAMES.get(nameType) ?? `UNKNOWN_${nameType}`;
}
