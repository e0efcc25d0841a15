/**
 * The fixed SiteData the chart snapshots are built from: a copy of the generated data
 * (test/fixtures/site-data.json), so snapshots do not change when data/ changes.
 * Refresh it deliberately with `npm exec -- node test/charts/make-fixture.ts`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildCharts } from '../../src/charts/index.ts';
import type { AnyChart, SiteData } from '../../src/charts/types.ts';
import { computeStory } from '../../src/story/facts.ts';
import { renderArticleWithProblems } from '../../src/story/prepare.ts';

export const FIXTURE_PATH = fileURLToPath(new URL('../fixtures/site-data.json', import.meta.url));

let cached: SiteData | undefined;

/** A fresh deep copy each call is not needed: charts must not mutate their input. */
export function loadFixture(): SiteData {
  cached ??= JSON.parse(readFileSync(FIXTURE_PATH, 'utf8')) as SiteData;
  return cached;
}

/** The charts with the words the document (src/story/article.aml) gives them, as pages print
 *  them: a chart module leaves its words to the document. */
export function wordedCharts(data: SiteData): AnyChart[] {
  // Without the claim check: a test may edit the data until a claim fails, to see the words.
  return renderArticleWithProblems(computeStory(data), buildCharts(data), (h) => h).article.charts;
}

/** One chart with its words from the document. */
export const wordedChart = (data: SiteData, id: string): AnyChart =>
  wordedCharts(data).find((c) => c.id === id)!;
