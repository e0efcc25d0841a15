/**
 * The live-preview tests under a CPU hog: saturates every core with busy loops (two per core),
 * then runs test/browser/dev.test.ts RUNS times in a row (default 10), and prints how many
 * passed. The tests wait for events, not times, so they must pass on a saturated machine.
 * Usage: npm run test:dev-load [-- RUNS]
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

const runs = Number(process.argv[2] ?? 10);
const hogs = Array.from(
  { length: 2 * availableParallelism() },
  () => new Worker('for (;;) {}', { eval: true }),
);
console.log(`CPU hog: ${hogs.length} busy threads on ${availableParallelism()} cores`);
let passed = 0;
for (let i = 1; i <= runs; i++) {
  const started = performance.now();
  const r = spawnSync('npm', ['exec', '--', 'vitest', 'run', 'test/browser/dev.test.ts'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  const ok = r.status === 0;
  if (ok) passed++;
  const secs = ((performance.now() - started) / 1000).toFixed(0);
  console.log(`run ${i}/${runs}: ${ok ? 'passed' : 'FAILED'} in ${secs} s`);
  if (!ok) console.log((r.stdout + r.stderr).split('\n').slice(-60).join('\n'));
}
await Promise.all(hogs.map((w) => w.terminate()));
console.log(`${passed} of ${runs} runs passed under load`);
process.exit(passed === runs ? 0 : 1);
