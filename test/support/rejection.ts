/**
 * Awaits a promise that must reject with an error of one class and returns that error, so a
 * test can assert on its problems; a promise that resolves fails the test. One helper for the
 * import, fetch and pipeline suites (each had its own copy for its own error class).
 */
import { expect } from 'vitest';

export async function rejection<E extends Error>(
  p: Promise<unknown>,
  kind: new (...args: never[]) => E,
): Promise<E> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(kind);
    return e as E;
  }
  throw new Error(`expected a ${kind.name}, but the promise resolved`);
}
