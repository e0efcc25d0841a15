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
import { renderArticle } from '../../src/story/prepare.ts';

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
  return renderArticle(computeStory(data), buildCharts(data), (h) => h).charts;
}
