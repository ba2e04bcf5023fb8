/**
 * Where the client commands get passwords: from the terminal, unechoed, when standard input
 * is one; otherwise as lines of standard input, taken exactly (only the line ending, \n or
 * \r\n, is removed: leading and trailing spaces stay). Never from arguments or the
 * environment, which other users of the machine can read.
 */

import type { ReadStream } from 'node:tty';

import { sameSecret } from '../service/secrets.js';
import { ClientError } from './client-error.js';
import { HiddenTerminal } from './hidden-terminal.js';
import type { PasswordChange } from './web-flow.js';

/** Standard input and where prompts go. */
export interface PasswordConsole {
  readonly input: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly prompts: NodeJS.WritableStream;
}

/** How often a prompt is repeated after an empty entry or differing new passwords. */
const ATTEMPTS = 3;

/** More than any sequence of a few passwords (the service takes at most 1023 bytes each). */
const MAX_INPUT_BYTES = 64 * 1024;

/** The process's own standard input, with prompts on standard error. */
export function processConsole(): PasswordConsole {
  return { input: process.stdin, prompts: process.stderr };
}

/** Current password, new password and new password again, for `passwd`. */
export async function readPasswordChange(
  io: PasswordConsole,
  user: string,
): Promise<PasswordChange> {
  if (io.input.isTTY !== true) return changeFromLines(await readLines(io.input));
  const terminal = new HiddenTerminal(io.input as ReadStream, io.prompts);
  try {
    return await changeFromTerminal(terminal, user);
  } finally {
    terminal.close();
  }
}

/** One password, for `check-password`. */
export async function readCandidate(io: PasswordConsole): Promise<string> {
  if (io.input.isTTY !== true) {
    const lines = await readLines(io.input);
    if (lines.length !== 1) throw lineCountError(1, lines.length, 'the password to check');
    return lines[0] as string;
  }
  const terminal = new HiddenTerminal(io.input as ReadStream, io.prompts);
  try {
    return await askNonEmpty(terminal, 'Password to check: ');
  } finally {
    terminal.close();
  }
}

async function changeFromTerminal(terminal: HiddenTerminal, user: string): Promise<PasswordChange> {
  const oldPassword = await askNonEmpty(terminal, `Current password for ${user}: `);

  for (let attempt = 1; ; attempt++) {
    const newPassword = await askNonEmpty(terminal, 'New password: ');
    const confirmPassword = await terminal.readLine('New password again: ');
    if (sameSecret(newPassword, confirmPassword)) {
      return { oldPassword, newPassword, confirmPassword };
    }
    if (attempt === ATTEMPTS) {
      throw new ClientError('ERR_MISMATCH', 'the new passwords differ; nothing was changed');
    }
    terminal.write('The two new passwords differ; type them again.\n');
  }
}

async function askNonEmpty(terminal: HiddenTerminal, prompt: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const line = await terminal.readLine(prompt);
    if (line !== '') return line;
    if (attempt === ATTEMPTS) throw new ClientError('ERR_INPUT', 'no password was entered');
  }
}

function changeFromLines(lines: readonly string[]): PasswordChange {
  if (lines.length !== 3) {
    throw lineCountError(3, lines.length, 'current password, new password, new password again');
  }
  const [oldPassword = '', newPassword = '', confirmPassword = ''] = lines;
  if (!sameSecret(newPassword, confirmPassword)) {
    throw new ClientError(
      'ERR_MISMATCH',
      'the new password (line 2) and its confirmation (line 3) differ; nothing was sent',
    );
  }
  return { oldPassword, newPassword, confirmPassword };
}

function lineCountError(expected: number, got: number, what: string): ClientError {
  return new ClientError(
    'ERR_INPUT',
    `expected ${expected} line${expected === 1 ? '' : 's'} on standard input (${what}), got ${got}`,
  );
}

/**
 * All of standard input as lines. A final line may lack its line ending; "\r" is removed
 * only where it is part of a "\r\n".
 */
export async function readLines(input: NodeJS.ReadableStream): Promise<string[]> {
  const text = decodeUtf8(await readAll(input));
  if (text === '') return [];
  const lines = text.split('\n');
  const last = lines.pop() as string;
  const ended = lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  return last === '' ? ended : [...ended, last];
}

async function readAll(input: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    size += bytes.length;
    if (size > MAX_INPUT_BYTES) {
      throw new ClientError('ERR_INPUT', `standard input is longer than ${MAX_INPUT_BYTES} bytes`);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

function decodeUtf8(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new ClientError('ERR_INPUT', 'standard input is not valid UTF-8');
  }
}
