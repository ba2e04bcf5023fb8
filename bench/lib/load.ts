/** Running a number of looping workers for a fixed time and counting what they complete. */

import { performance } from 'node:perf_hooks';

/** One iteration of a worker's loop. */
export type Iteration = (worker: number) => Promise<void>;

export interface LoadOptions {
  /** Start at most this many iterations. */
  readonly maxCount?: number;
  /** Count failed iterations and go on, instead of stopping at the first failure. */
  readonly tolerateErrors?: boolean;
}

export interface LoadResult {
  /** Iterations completed within the window. */
  readonly count: number;
  /** Failed iterations (only with `tolerateErrors`). */
  readonly errors: number;
  /** The first failure's message, if any. */
  readonly firstError?: string;
  /** The window's length: the time given, or less when `maxCount` ended it. */
  readonly seconds: number;
  readonly rate: number;
  /** Wall time of each completed iteration, ms. */
  readonly latencies: readonly number[];
}

/**
 * Runs `workers` loops of `iteration` for `seconds` and counts completions. Iterations still
 * running at the end are waited for but not counted. Unless errors are tolerated, the first
 * one stops everything and is thrown.
 */
export async function runLoad(
  workers: number,
  seconds: number,
  iteration: Iteration,
  options: LoadOptions = {},
): Promise<LoadResult> {
  const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const latencies: number[] = [];
  let begun = 0;
  let errors = 0;
  let failure: unknown;
  let end = deadline;

  const loop = async (worker: number): Promise<void> => {
    while (performance.now() < deadline && begun < maxCount) {
      if (failure !== undefined && options.tolerateErrors !== true) return;
      begun++;
      const t0 = performance.now();
      try {
        await iteration(worker);
      } catch (err) {
        failure ??= err;
        errors++;
        continue;
      }
      const now = performance.now();
      if (now <= deadline) latencies.push(now - t0);
      if (latencies.length >= maxCount) end = Math.min(end, now);
    }
  };

  await Promise.all(Array.from({ length: workers }, (_, i) => loop(i)));
  if (failure !== undefined && options.tolerateErrors !== true) throw failure;
  const elapsed = (end - started) / 1000;
  return {
    count: latencies.length,
    errors,
    ...(failure !== undefined && { firstError: String(failure) }),
    seconds: elapsed,
    rate: latencies.length / elapsed,
    latencies,
  };
}
