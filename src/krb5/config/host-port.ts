/**
 * Server addresses as krb5.conf writes them (krb5.conf(5), [realms] "kdc"): `host`,
 * `host:port`, `[v6addr]`, `[v6addr]:port`, or a bare IPv6 address (more than one colon: no
 * port), optionally prefixed `tcp/` or `udp/` to pin the transport.
 */

import { ConfigError } from '../errors.js';

/** A server to contact. */
export interface HostPort {
  readonly host: string;
  readonly port: number;
  /** Set when the entry was written `tcp/...` or `udp/...`: use only that transport. */
  readonly transport?: 'tcp' | 'udp';
}

/** Parses one address entry; `defaultPort` applies when the entry names none. */
export function parseHostPort(entry: string, defaultPort: number): HostPort {
  let text = entry.trim();
  let transport: 'tcp' | 'udp' | undefined;
  const prefix = /^(tcp|udp)\//i.exec(text);
  if (prefix !== null) {
    transport = prefix[1]!.toLowerCase() as 'tcp' | 'udp';
    text = text.slice(4);
  }

  const { host, portText } = splitHostPort(text, entry);
  if (host === '' || /\s/.test(host)) throw new ConfigError(`invalid server address "${entry}"`);
  const port = portText === undefined ? defaultPort : parsePort(portText, entry);
  return transport === undefined ? { host, port } : { host, port, transport };
}

function splitHostPort(text: string, entry: string): { host: string; portText?: string } {
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) throw new ConfigError(`invalid server address "${entry}": missing "]"`);
    const rest = text.slice(close + 1);
    if (rest === '') return { host: text.slice(1, close) };
    if (!rest.startsWith(':')) throw new ConfigError(`invalid server address "${entry}"`);
    return { host: text.slice(1, close), portText: rest.slice(1) };
  }

  const first = text.indexOf(':');
  // Several colons and no brackets: a bare IPv6 address, which cannot carry a port.
  if (first < 0 || text.indexOf(':', first + 1) >= 0) return { host: text };
  return { host: text.slice(0, first), portText: text.slice(first + 1) };
}

function parsePort(text: string, entry: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) {
    throw new ConfigError(`invalid port in server address "${entry}"`);
  }
  return port;
}

/** `host:port`, with IPv6 addresses in brackets; for messages and logs. */
export function formatHostPort(addr: HostPort): string {
  const host = addr.host.includes(':') ? `[${addr.host}]` : addr.host;
  return `${host}:${addr.port}`;
}
