// npm run bench:update: how long `npm run update` takes for one new day, against a local replay
// of the Data API (test/support/data-api-replay.ts; no network), with a cold render cache and a
// warm one (filled by the build of the day before), and the full `npm run build` with a cold and
// a warm cache. Prints figures and ratios; nothing here is a test. Runs: BENCH_RUNS (default 3).
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  closeServers,
  deriveDay,
  fixtureReplay,
  serve,
  withDays,
} from '../test/support/data-api-replay.ts';
import type { UpdateReport } from '../src/publish/update/index.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 3);
const TARGET_S = 8;
const work = mkdtempSync(join(tmpdir(), 'bench-update-'));

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = {
    ...process.env,
    NO_COLOR: '1',
    ASTRO_TELEMETRY_DISABLED: '1',
    ...extra,
  };
  delete e.DEPLOY; // a local build: no SITE_URL needed
  return e;
}

/** Runs `npm run <script>`; resolves with the wall time in ms (rejects on a non-zero exit other than `ok`). */
function npm(args: string[], extra: Record<string, string>, ok: number[] = [0]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('npm', ['run', '--silent', ...args], {
      cwd: root,
      env: env(extra),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) =>
      ok.includes(code ?? -1)
        ? resolve(performance.now() - started)
        : reject(new Error(`npm run ${args.join(' ')} exited ${code}:\n${out}`)),
    );
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

try {
  console.log(
    `bench:update on ${cpus().length} CPU(s), load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; ${runs} run(s) each, medians.`,
  );
  // The live project (data through 2026-06-22), built once; its build fills the warm cache.
  const live = {
    data: join(work, 'live/data'),
    generated: join(work, 'live/generated'),
    dist: join(work, 'live/dist'),
  };
  const warmCache = join(work, 'cache-warm');
  cpSync(join(root, 'data'), live.data, { recursive: true });
  await npm(['build'], {
    DATA_DIR: live.data,
    OUT_DIR: live.generated,
    DIST_DIR: live.dist,
    RENDER_CACHE_DIR: warmCache,
  });

  // One new day: the real 22 June, re-dated 23 June and 2% up (a fixture, in memory).
  const server = await serve(
    fixtureReplay(
      withDays(deriveDay('2026-06-22', '2026-06-23', () => 1.02)),
      '2026-06-24T07:00:00.000Z',
    ),
  );

  const update = async (cache: 'cold' | 'warm', i: number) => {
    const dir = join(work, `${cache}-${i}`);
    for (const k of ['data', 'generated', 'dist'] as const)
      cpSync(live[k], join(dir, k), { recursive: true });
    const cacheDir = join(dir, 'cache');
    if (cache === 'warm') cpSync(warmCache, cacheDir, { recursive: true });
    const wall = await npm(['update'], {
      DATA_DIR: join(dir, 'data'),
      OUT_DIR: join(dir, 'generated'),
      DIST_DIR: join(dir, 'dist'),
      HELD_DIR: join(dir, '.held'),
      REPORTS_DIR: join(dir, 'reports'),
      RENDER_CACHE_DIR: cacheDir,
      OPENROUTER_API_KEY: 'bench',
      OPENROUTER_API_BASE_URL: server.base,
    });
    const report = JSON.parse(
      readFileSync(join(dir, 'reports/update-report.json'), 'utf8'),
    ) as UpdateReport;
    if (report.outcome !== 'published')
      throw new Error(`expected "published", got "${report.outcome}": ${report.summary}`);
    rmSync(dir, { recursive: true, force: true });
    return { wall, report };
  };

  const results: Record<'cold' | 'warm', Array<{ wall: number; report: UpdateReport }>> = {
    cold: [],
    warm: [],
  };
  for (let i = 0; i < runs; i++)
    for (const c of ['cold', 'warm'] as const) results[c].push(await update(c, i));
  await closeServers();

  console.log('\nnpm run update, one new day (2026-06-23), wall time of the process:');
  const steps = ['stage', 'fetch', 'data', 'site', 'publish'];
  for (const c of ['cold', 'warm'] as const) {
    const rs = results[c];
    const per = steps
      .map((k) => `${k} ${s(median(rs.map((r) => r.report.timings[k] ?? 0)))}`)
      .join(', ');
    const last = rs.at(-1)!.report.renders!;
    console.log(
      `  ${c} cache: ${s(median(rs.map((r) => r.wall)))}  (in the report: total ${s(median(rs.map((r) => r.report.timings.total!)))}; ${per}; images ${last.fromCache} from cache, ${last.rendered} rendered in ${s(median(rs.map((r) => r.report.renders!.renderMs)))})`,
    );
  }
  const cold = median(results.cold.map((r) => r.wall));
  const warm = median(results.warm.map((r) => r.wall));
  console.log(
    `  warm / cold: ${(warm / cold).toFixed(2)}; warm / ${TARGET_S} s target: ${(warm / (TARGET_S * 1000)).toFixed(2)} (${warm <= TARGET_S * 1000 ? 'within' : 'OVER'} the target)`,
  );

  // The full build (npm run data + site), same data, cold cache then warm cache.
  const builds: Record<'cold' | 'warm', number[]> = { cold: [], warm: [] };
  for (let i = 0; i < runs; i++) {
    for (const c of ['cold', 'warm'] as const) {
      const dir = join(work, `build-${c}-${i}`);
      const cacheDir = join(dir, 'cache');
      if (c === 'warm') cpSync(warmCache, cacheDir, { recursive: true });
      builds[c].push(
        await npm(['build'], {
          DATA_DIR: live.data,
          OUT_DIR: join(dir, 'generated'),
          DIST_DIR: join(dir, 'dist'),
          RENDER_CACHE_DIR: cacheDir,
        }),
      );
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const bc = median(builds.cold);
  const bw = median(builds.warm);
  console.log(`\nnpm run build (full: data step, then astro build), same data:`);
  console.log(
    `  cold cache: ${s(bc)}   warm cache: ${s(bw)}   warm / cold: ${(bw / bc).toFixed(2)}`,
  );
  console.log(
    `\nupdate warm ${s(warm)} vs full build cold ${s(bc)}: ratio ${(warm / bc).toFixed(2)}`,
  );
} finally {
  await closeServers();
  rmSync(work, { recursive: true, force: true });
}
