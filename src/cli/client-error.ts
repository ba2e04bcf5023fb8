/**
 * The errors of the client commands (`passwd`, `check-password`). Each has a stable `code`
 * and the exit status it stands for; messages say what to check and never hold a password.
 */

export type ClientErrorCode =
  | 'ERR_UNREACHABLE'
  | 'ERR_TIMEOUT'
  | 'ERR_TLS'
  | 'ERR_PROTOCOL'
  | 'ERR_INPUT'
  | 'ERR_CONFIG'
  | 'ERR_MISMATCH'
  | 'ERR_INTERRUPTED';

/** Exit statuses of the client commands. */
export const EXIT = { ok: 0, error: 1, refused: 2, interrupted: 130 } as const;

const EXIT_OF: Readonly<Record<ClientErrorCode, number>> = {
  ERR_UNREACHABLE: EXIT.error,
  ERR_TIMEOUT: EXIT.error,
  ERR_TLS: EXIT.error,
  ERR_PROTOCOL: EXIT.error,
  ERR_INPUT: EXIT.error,
  ERR_CONFIG: EXIT.error,
  ERR_MISMATCH: EXIT.refused,
  ERR_INTERRUPTED: EXIT.interrupted,
};

export class ClientError extends Error {
  readonly code: ClientErrorCode;

  constructor(code: ClientErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'ClientError';
  }

  /** The process exit status for this failure. */
  get exitStatus(): number {
    return EXIT_OF[this.code];
  }
}
