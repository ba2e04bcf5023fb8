/**
 * A TCP connection opened before its request exists: while a password's key is being
 * derived, or while the ticket a request needs is on its way. The request can then leave the
 * moment it is made, instead of waiting for a handshake and for the server to accept.
 */

import { connect, type Socket } from 'node:net';

import type { HostPort } from '../config/host-port.js';

export class EarlyConnection {
  readonly addr: HostPort;
  #socket: Socket | undefined;
  #broken = false;
  readonly #idleTimer: NodeJS.Timeout | undefined;
  readonly #onBroken = (): void => {
    this.#broken = true;
  };

  private constructor(addr: HostPort, maxIdleMs: number) {
    this.addr = addr;
    let socket: Socket;
    try {
      socket = connect({ host: addr.host, port: addr.port });
    } catch {
      // An address net.connect refuses outright: the exchange will connect, and fail, itself.
      return;
    }
    // An idle connection that fails or is closed by the server is simply not used; the
    // exchange then connects anew, so nothing is reported here.
    socket.on('error', this.#onBroken);
    socket.once('end', this.#onBroken);
    socket.once('close', this.#onBroken);
    this.#socket = socket;
    // A request that takes too long to be made does not keep a server's connection open.
    this.#idleTimer = setTimeout(() => this.close(), maxIdleMs);
    this.#idleTimer.unref();
  }

  /**
   * Starts connecting to `addr` now. If nobody takes the connection within `maxIdleMs`, it is
   * closed, and the exchange will connect anew when its request is ready.
   */
  static open(addr: HostPort, maxIdleMs: number): EarlyConnection {
    return new EarlyConnection(addr, maxIdleMs);
  }

  /**
   * The socket, connected or still connecting, if it can carry a request to `addr`: not
   * failed, not closed by the server, nothing received. The caller then owns it. Returns
   * undefined (and closes the connection) otherwise, and on every call after the first.
   */
  take(addr: HostPort): Socket | undefined {
    clearTimeout(this.#idleTimer);
    const socket = this.#socket;
    this.#socket = undefined;
    if (socket === undefined) return undefined;
    socket.off('error', this.#onBroken);
    socket.off('end', this.#onBroken);
    socket.off('close', this.#onBroken);

    const usable =
      !this.#broken &&
      !socket.destroyed &&
      socket.readableLength === 0 &&
      addr.host === this.addr.host &&
      addr.port === this.addr.port;
    if (usable) return socket;
    socket.destroy();
    return undefined;
  }

  /** Closes the connection if nobody took it. Nothing was ever sent on it. */
  close(): void {
    clearTimeout(this.#idleTimer);
    this.#socket?.destroy();
    this.#socket = undefined;
  }
}
