/** Writes test/fixtures/site-data.json from src/data/generated/ (run `npm run data` first). */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FIXTURE_PATH } from './fixture.ts';

const gen = (name: string) =>
  JSON.parse(
    readFileSync(
      fileURLToPath(new URL(`../../src/data/generated/${name}.json`, import.meta.url)),
      'utf8',
    ),
  );
const site = {
  datasets: gen('datasets'),
  derived: gen('derived'),
  meta: gen('meta'),
  provenance: gen('provenance'),
};
// Keep the fixture small (under 2 MB): per-row provenance of the API rows is not read by any chart
// or by the story, and the fastest-endpoint captures only matter as a fallback (latest capture kept).
for (const r of site.datasets['api-daily-tokens']) {
  r.raw_file = '';
  r.raw_sha256 = '';
}
const fastest = site.datasets['captures-fastest'] as Array<{ fetched_at_utc: string }>;
const lastFast = fastest.at(-1)?.fetched_at_utc;
site.datasets['captures-fastest'] = fastest.filter((r) => r.fetched_at_utc === lastFast);
writeFileSync(FIXTURE_PATH, `${JSON.stringify(site)}\n`);
console.log(`wrote ${FIXTURE_PATH}`);
