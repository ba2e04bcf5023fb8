import { parseArgs, type ParseArgsConfig } from 'node:util';

/** One sub-command: its arguments in, its exit status out. */
export type Command = (argv: readonly string[]) => Promise<number>;

/** Wrong arguments: printed with the command's name, exit status 2. */
export class CliUsageError extends Error {}

/** parseArgs, with its errors turned into usage errors. */
export function parseCommandLine<T extends ParseArgsConfig['options']>(
  argv: readonly string[],
  options: T,
): ReturnType<typeof parseArgs<{ options: T; args: string[]; allowPositionals: false }>> {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: false, strict: true });
  } catch (err) {
    throw new CliUsageError(err instanceof Error ? err.message : String(err));
  }
}

/** HOST:PORT, [V6]:PORT or PORT alone (on 127.0.0.1). */
export function parseListen(text: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(text) ?? /^()()(\d{1,5})$/.exec(text);
  const port = Number(match?.[3]);
  if (match === null || !(port >= 0 && port <= 65535)) {
    throw new CliUsageError(`--listen expects HOST:PORT, not '${text}'`);
  }
  const host = match[1] ?? match[2] ?? '';
  return { host: host === '' ? '127.0.0.1' : host, port };
}

/** Loopback addresses: the only ones served without TLS in front. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
