/**
 * Waiting for another holder of a store lock (this process or another instance) to finish its work:
 * the access_token fetch and the cache refresh both poll the store for the result instead of doing the
 * work twice. One helper, so both wait the same way and stop at the same bound.
 */

/**
 * How far ahead of our clock a stored timestamp may be and still be believed: instances' clocks differ
 * by far less. Values stamped later than that are treated as not ours (see their readers).
 */
export const CLOCK_SKEW_MS = 60_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `done` every `stepMs` for at most `maxMs` (the lock's lifetime): the first result it gives
 * other than undefined, or undefined when the holder did not finish in time.
 */
export async function waitForLockHolder<T>(
  maxMs: number,
  done: () => Promise<T | undefined>,
  stepMs = 25,
): Promise<T | undefined> {
  for (let waited = 0; waited < maxMs; waited += stepMs) {
    await sleep(stepMs);
    const result = await done();
    if (result !== undefined) return result;
  }
  return undefined;
}
