/**
 * Turns the bytes of a kpasswd result string into text that is safe to log and show: valid
 * UTF-8 only, no terminal escapes or control characters, bounded in length.
 */

/**
 * Longest text passed on, in code points. MIT's kadmind builds its result string in a
 * 1024-byte buffer (src/kadmin/server/schpw.c), so real messages fit.
 */
export const MAX_SERVER_TEXT = 1024;

/** Shown instead of a result string that is not valid UTF-8 (RFC 3244 section 2 says UTF-8). */
export const INVALID_UTF8_NOTE = "(the server's message was not valid UTF-8)";

export interface SafeText {
  /** The cleaned text, capped at {@link MAX_SERVER_TEXT} code points. */
  readonly text: string;
  /** The cleaned text before the cap, for recognising known messages. */
  readonly full: string;
  /** False when the bytes were not valid UTF-8 and `text` is {@link INVALID_UTF8_NOTE}. */
  readonly valid: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

// ECMA-48 CSI (ESC [ or the 8-bit U+009B), OSC (ESC ] ... BEL or ST) and the other escapes
// (ESC, optional intermediates, one final byte: ESC c, ESC 7, ESC ( B):
// removed whole, so no "[31m" residue is left once the ESC itself is gone.
const CSI = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]/g;
const OSC = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g;
const ESC_OTHER = /\u001b[ -/]*[0-~]/g;
// C0 except newline, DEL and C1; tab is turned into a space before this runs.
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
// Bidirectional overrides and isolates can make shown text read differently from its bytes.
const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Decode and clean a result string. Never throws; invalid UTF-8 yields a fixed note. */
export function safeServerText(bytes: Uint8Array): SafeText {
  let decoded: string;
  try {
    decoded = utf8.decode(bytes);
  } catch {
    return { text: INVALID_UTF8_NOTE, full: INVALID_UTF8_NOTE, valid: false };
  }

  const full = tidyLines(stripControls(decoded));
  return { text: capLength(full, MAX_SERVER_TEXT), full, valid: true };
}

function stripControls(text: string): string {
  return text
    .replace(CSI, '')
    .replace(OSC, '')
    .replace(ESC_OTHER, '')
    .replace(/\r\n/g, '\n')
    .replace(/[\u2028\u2029]/g, '\n')
    .replace(/\t/g, ' ')
    .replace(CONTROL, '')
    .replace(BIDI, '');
}

/** Trailing spaces off every line, blank lines off both ends. */
function tidyLines(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/^\n+/, '')
    .replace(/\n+$/, '');
}

function capLength(text: string, max: number): string {
  const points = Array.from(text);
  if (points.length <= max) return text;
  return `${points
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}
