/**
 * Driving kadmin.local through its stdin. Each line is split by the "ss" command-line library
 * MIT uses: arguments are separated by spaces or tabs, a double-quoted stretch keeps spaces,
 * and inside it `""` stands for one `"`. So any argument without a line break or NUL passes
 * through exactly when written `"` + value with every `"` doubled + `"`; passwords with
 * leading, inner or trailing spaces, quotes and non-ASCII letters included.
 *
 * kadmin.local exits 0 even when a command failed; failures are read from stderr, where it
 * writes only errors and one known notice.
 */

import { TestRealmError } from './errors.js';
import { runProgram } from './programs.js';

/** ss reads lines into a buffer of a few KiB; longer ones would be cut and misread. */
const MAX_LINE_BYTES = 4000;

/** stderr lines that are not failures. */
const NOTICES = [/^No policy specified for .+; defaulting to no policy$/, /^WARNING: no policy/i];

/** A quoted kadmin argument, exact for any value without a line break or NUL. */
export function kadminArg(value: string): string {
  if (/[\n\0]/.test(value)) {
    throw new TestRealmError('a kadmin argument cannot contain a line break or NUL');
  }
  return `"${value.replaceAll('"', '""')}"`;
}

export interface KadminRun {
  readonly program: string;
  readonly realm: string;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Runs `commands` in one kadmin.local session and returns its stdout without prompts. With
 * `secrets`, a failure message keeps only kadmin's one-line error reports and blanks any
 * secret in them, so a mangled command can never echo a password into a log.
 */
export async function runKadmin(
  run: KadminRun,
  commands: readonly string[],
  secrets: readonly string[] = [],
): Promise<string> {
  for (const line of commands) checkLine(line);

  const input = commands.map((c) => `${c}\n`).join('');
  const result = await runProgram(run.program, ['-r', run.realm], { env: run.env, input });

  const problems = result.stderr
    .split('\n')
    .filter((l) => l.trim() !== '' && !NOTICES.some((n) => n.test(l)));
  if (result.code !== 0 || problems.length > 0) {
    const detail = secrets.length > 0 ? redact(problems, secrets) : problems.join('\n');
    throw new TestRealmError(`kadmin.local failed (exit ${result.code}): ${detail}`);
  }
  return result.stdout
    .replace(/^Authenticating as principal .*\n/, '')
    .replaceAll('kadmin.local:  ', '');
}

function checkLine(line: string): void {
  if (/[\n\0]/.test(line)) throw new TestRealmError('a kadmin command cannot contain a line break');
  // ss hands a line starting with "!" to the shell.
  if (/^\s*!/.test(line)) throw new TestRealmError('a kadmin command cannot start with "!"');
  if (Buffer.byteLength(line) > MAX_LINE_BYTES) {
    throw new TestRealmError(`a kadmin command longer than ${MAX_LINE_BYTES} bytes would be cut`);
  }
}

/** Keeps com_err-style reports ("add_principal: <reason> while creating ..."), secrets blanked. */
function redact(lines: readonly string[], secrets: readonly string[]): string {
  const kept = lines
    .filter((l) => /^[a-z_]+: [^"]*\bwhile\b/.test(l))
    .map((l) =>
      secrets.reduce((text, s) => (s.length >= 3 ? text.replaceAll(s, '[secret]') : text), l),
    );
  return kept.length > 0 ? kept.join('\n') : '(output withheld: it may contain a password)';
}
