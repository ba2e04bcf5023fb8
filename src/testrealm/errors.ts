/** A throwaway realm could not be set up or did not do what was asked. */
export class TestRealmError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TestRealmError';
  }
}
