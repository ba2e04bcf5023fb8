/** Sending Kerberos messages to servers over TCP and UDP. */

export {
  DEFAULT_MAX_REPLY_BYTES,
  type ExchangeOptions,
  type RequestBuilder,
  type RequestSource,
} from './options.js';
export { sendToKdc, type SendToKdcOptions } from './send-to-kdc.js';
export { TcpReplyReader, frameTcpRequest } from './tcp-framing.js';
export { exchangeTcp } from './tcp.js';
export { exchangeUdp } from './udp.js';
