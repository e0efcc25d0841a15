/** Writes test/fixtures/site-data.json from src/data/generated/ (run `npm run data` first). */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FIXTURE_PATH } from './fixture.ts';

const gen = (name: string) => JSON.parse(readFileSync(fileURLToPath(new URL(`../../src/data/generated/${name}.json`, import.meta.url)), 'utf8'));
const site = { datasets: gen('datasets'), derived: gen('derived'), meta: gen('meta'), provenance: gen('provenance') };
writeFileSync(FIXTURE_PATH, `${JSON.stringify(site)}\n`);
console.log(`wrote ${FIXTURE_PATH}`);
