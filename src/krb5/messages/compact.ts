/** Building decoded values in which an absent OPTIONAL field is an absent key. */

/** `value` without its `undefined` properties (key order kept). */
export function compact<T extends object>(value: T): T {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return Object.fromEntries(entries) as T;
}
