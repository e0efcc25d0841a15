/** Shared by the publish suites: temp copies of the project's data, commands run as processes. */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const made: string[] = [];

/** A temp folder with a copy of the project's data/ (removed by cleanupProjects()). */
export function projectCopy(prefix = 'editor-'): {
  dir: string;
  data: string;
  generated: string;
  dist: string;
} {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  cpSync(join(ROOT, 'data'), join(dir, 'data'), { recursive: true });
  return {
    dir,
    data: join(dir, 'data'),
    generated: join(dir, 'generated'),
    dist: join(dir, 'dist'),
  };
}

export function cleanupProjects(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** This process's environment without what the test runner adds (NODE_ENV=test, MODE, VITEST…),
 *  which would change how Astro and Vite run; plus the given variables. */
export function commandEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env))
    if (
      k.startsWith('VITEST') ||
      ['NODE_ENV', 'MODE', 'BASE_URL', 'DEV', 'PROD', 'SSR'].includes(k)
    )
      delete env[k];
  return { ...env, NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1', ...extra };
}

/** Runs `npm run <script>` in the project with extra environment variables. */
export function npmRun(
  script: string,
  env: Record<string, string>,
  timeout = 240_000,
): SpawnSyncReturns<string> {
  return spawnSync('npm', ['run', '--silent', script], {
    cwd: ROOT,
    env: commandEnv(env),
    encoding: 'utf8',
    timeout,
    maxBuffer: 32 << 20,
  });
}

/** sha256 of every file under dir, by relative path (the folder's exact bytes). */
export function treeHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** The worked example: the week after the outlets' latest report, 5-11 October 2026 (illustrative figures). */
export function addExampleWeek(data: string, cn = '8100000000000', us = '3900000000000'): void {
  const scope = (who: string) =>
    `"models from ${who} labs on the OpenRouter weekly leaderboard, summed by the outlet (leaderboard-sum method)"`;
  appendFileSync(
    join(data, 'weekly-tokens.csv'),
    `2026-10-05,2026-10-11,CN,${cn},,reported,,,${scope('Chinese')},dotdotnews-2026-05-26,\n` +
      `2026-10-05,2026-10-11,US,${us},,reported,,,${scope('U.S.')},dotdotnews-2026-05-26,\n`,
  );
}

/** The 1-based line of the first line of `file` (under the project) that contains `text`. */
export function lineOf(file: string, text: string): number {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(text));
  if (i < 0) throw new Error(`${file} has no line with ${JSON.stringify(text)}`);
  return i + 1;
}

/** The line (1-based) where a pattern first matches a file, which may span lines. */
export function lineOfMatch(file: string, pattern: RegExp): number {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const m = pattern.exec(text);
  if (!m) throw new Error(`${file} has no match for ${pattern}`);
  return text.slice(0, m.index).split('\n').length;
}

export function writeData(data: string, file: string, text: string): void {
  writeFileSync(join(data, file), text);
}
