/**
 * Reads lines from a terminal without echoing them. The terminal is put in raw mode (no
 * echo, no line editing by the kernel, no signals from keys), and this reader does the little
 * editing a password prompt needs: Backspace, Ctrl-U, Enter; Ctrl-C aborts, and so does
 * Ctrl-D on an empty line. Everything else typed is part of the password, exactly.
 */

import { StringDecoder } from 'node:string_decoder';
import type { ReadStream } from 'node:tty';

import { ClientError } from './client-error.js';

const ENTER = new Set(['\r', '\n']);
const ERASE = new Set(['\x7f', '\b']);
const KILL_LINE = '\x15';
const INTERRUPT = '\x03';
const END_OF_FILE = '\x04';

export class HiddenTerminal {
  readonly #input: ReadStream;
  readonly #output: NodeJS.WritableStream;
  readonly #decoder = new StringDecoder('utf8');
  /** Characters typed (or pasted) and not yet read: typing ahead of a prompt is kept. */
  readonly #pending: string[] = [];
  #ended = false;
  #wake: (() => void) | undefined;

  /** Takes over `input` (raw mode) until {@link close}. */
  constructor(input: ReadStream, output: NodeJS.WritableStream) {
    this.#input = input;
    this.#output = output;
    input.setRawMode(true);
    input.on('data', this.#onData);
    input.on('end', this.#onEnd);
    input.resume();
  }

  /** Shows `prompt` and reads one line, unechoed. */
  async readLine(prompt: string): Promise<string> {
    this.#output.write(prompt);
    let line: string[] = [];
    for (;;) {
      const ch = await this.#next();
      if (ch === undefined || (ch === END_OF_FILE && line.length === 0)) {
        this.#output.write('\n');
        throw new ClientError('ERR_INPUT', 'end of input before a password was entered');
      }
      if (ch === INTERRUPT) {
        this.#output.write('\n');
        throw new ClientError('ERR_INTERRUPTED', 'interrupted; nothing was changed');
      }
      if (ENTER.has(ch)) return this.#endLine(ch, line);

      if (ERASE.has(ch)) line.pop();
      else if (ch === KILL_LINE) line = [];
      else if (ch !== END_OF_FILE) line.push(ch);
    }
  }

  /** Writes a message to the terminal. */
  write(text: string): void {
    this.#output.write(text);
  }

  /** Gives the terminal back as it was. */
  close(): void {
    this.#input.off('data', this.#onData);
    this.#input.off('end', this.#onEnd);
    this.#input.setRawMode(false);
    this.#input.pause();
  }

  #endLine(ch: string, line: readonly string[]): string {
    // Raw mode shows nothing of the Enter key: move to the next line ourselves.
    this.#output.write('\n');
    if (ch === '\r' && this.#pending[0] === '\n') this.#pending.shift();
    return line.join('');
  }

  async #next(): Promise<string | undefined> {
    while (this.#pending.length === 0) {
      if (this.#ended) return undefined;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
      this.#wake = undefined;
    }
    return this.#pending.shift();
  }

  readonly #onData = (chunk: Buffer | string): void => {
    const text = typeof chunk === 'string' ? chunk : this.#decoder.write(chunk);
    this.#pending.push(...text);
    this.#wake?.();
  };

  readonly #onEnd = (): void => {
    this.#ended = true;
    this.#wake?.();
  };
}
