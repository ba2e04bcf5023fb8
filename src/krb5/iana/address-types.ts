/**
 * Host address types (RFC 4120 section 7.5.3), plus the two MIT uses for addresses with
 * ports (ADDRTYPE_ADDRPORT and ADDRTYPE_IPPORT, MIT's krb5.h).
 */

export const ADDRTYPE_IPV4 = 2;
export const ADDRTYPE_DIRECTIONAL = 3;
export const ADDRTYPE_CHAOSNET = 5;
export const ADDRTYPE_XNS = 6;
export const ADDRTYPE_ISO = 7;
export const ADDRTYPE_DECNET_PHASE_IV = 12;
export const ADDRTYPE_APPLETALK_DDP = 16;
export const ADDRTYPE_NETBIOS = 20;
export const ADDRTYPE_IPV6 = 24;
export const ADDRTYPE_ADDRPORT = 0x100;
export const ADDRTYPE_IPPORT = 0x101;
