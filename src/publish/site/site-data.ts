/** The site's data, charts and story, built once per build and shared by every page. */
import { buildCharts } from '../../charts/index.ts';
import type { AnyChart, SiteData } from '../../charts/types.ts';
import { datasets, derived, meta, provenance } from '../../data/index.ts';
import { computeStory, type Story } from '../../story/facts.ts';
import { loadArticle } from '../../story/document.ts';
import { prepareArticle, type PreparedArticle } from '../../story/prepare.ts';
import { methodReadout } from '../../charts/share-by-method.ts';
import { withBase } from '../../lib/site.ts';

export const siteData: SiteData = { datasets, derived, meta, provenance };
const built: AnyChart[] = buildCharts(siteData);
export const story: Story = computeStory(siteData, {
  chartSourceIds: built.flatMap((c) => c.sourceIds),
});

const href = (h: string) => (/^(https?:|#|mailto:)/.test(h) ? h : withBase(h));
// Read afresh here (not through article.ts's constants) so the dev server's reload after a save
// of src/story/article.aml renders the new words.
const document = loadArticle();
export const article: PreparedArticle = prepareArticle(
  story,
  built,
  href,
  document.blocks,
  document.head,
  document.more,
);

/** Every chart, with the words the document gives it (titles, subtitles, notes). */
export const charts: AnyChart[] = article.charts;

export const sourcesById = new Map(datasets.sources.map((s) => [s.id, s]));

export function chartById(id: string): AnyChart {
  const c = charts.find((x) => x.id === id);
  if (!c) throw new Error(`Unknown chart id "${id}"`);
  return c;
}

/** What the counting-method switch says under the chart for a state (a method, or "all"). */
export const methodAnswer = (state: string): string => methodReadout(siteData, state);
