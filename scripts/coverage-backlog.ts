/**
 * Re-records the coverage walk's backlog of chart texts still written by their chart modules
 * (test/story/coverage-chart-backlog.json), from the test fixture as the coverage test walks it:
 * `node scripts/coverage-backlog.ts`. Run it after moving a chart's words into
 * src/story/article.aml (the chart's entries leave the backlog); the diff shows what left.
 * Findings outside chart texts are printed and never recorded: they must be fixed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { buildCharts } from '../src/charts/index.ts';
import type { SiteData } from '../src/charts/types.ts';
import { pageReaderTexts } from '../src/publish/page-texts.ts';
import { readerTexts, unboundWords } from '../src/story/coverage.ts';
import { loadArticle } from '../src/story/document.ts';
import { computeStory } from '../src/story/facts.ts';
import { renderArticle } from '../src/story/prepare.ts';

const FILE = 'test/story/coverage-chart-backlog.json';
const data = JSON.parse(readFileSync('test/fixtures/site-data.json', 'utf8')) as SiteData;
const doc = loadArticle();
const article = renderArticle(
  computeStory(data),
  buildCharts(data),
  (h) => h,
  doc.blocks,
  doc.head,
  doc.more,
);
const found = unboundWords(readerTexts(article, undefined, pageReaderTexts()));
for (const u of found.filter((x) => !x.where.startsWith('chart ')))
  console.log(`not recorded, to fix: ${u.where}: "${u.word}" in "${u.sentence}"`);
const keys = [
  ...new Set(
    found
      .filter((u) => u.where.startsWith('chart '))
      .map((u) => `${u.where}: ${u.word.toLowerCase()}`),
  ),
].sort();
writeFileSync(FILE, `${JSON.stringify(keys, null, 2)}\n`);
console.log(
  `${FILE}: ${keys.length} entries, ${new Set(keys.map((k) => k.split(' ')[1])).size} charts`,
);
