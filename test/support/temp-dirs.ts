/**
 * Temporary folders for tests that write files (import, pipeline): each made under the system's
 * temp folder and removed together by cleanup(), which a test file calls in afterEach. One
 * helper for both suites' helpers.ts (they had a copy each).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/** A fresh temp folder named with the prefix (removed by cleanup()). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every folder tempDir made since the last cleanup. */
export function cleanup(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}
