/**
 * The figures the article's copy quotes, each computed from the datasets and formatted by the
 * house formatter, and the claims its sentences make, each a test of the data. When an editor's
 * update changes the data, the figures follow; when a sentence can no longer be true, its claim
 * fails and the build stops, naming the claim and the figures. The figures of each section are
 * computed in src/story/figures/.
 */
import type { SiteData } from '../data/site-data.ts';
import { dataThroughText } from '../data/latest.ts';
import { formatCount } from '../lib/format.ts';
import { countingFigures } from './figures/counting.ts';
import { flipFigures } from './figures/flip.ts';
import { nextFigures } from './figures/next.ts';
import { policyFigures, priceFigures } from './figures/price.ts';
import { createSink, type Claim } from './figures/sink.ts';
import { technologyFigures } from './figures/technology.ts';
import { whyFigures } from './figures/why.ts';

export type { Claim } from './figures/sink.ts';
export { SettingError } from './figures/flip.ts';

export interface Story {
  /** Formatted figures, by placeholder name as used in the copy ({name}). */
  facts: Record<string, string>;
  claims: Claim[];
  /** The sources each section of the copy rests on (ids in sources.csv). */
  sources: Record<string, string[]>;
}

export class ClaimError extends Error {
  readonly failed: Claim[];
  constructor(failed: Claim[]) {
    super(
      `The copy makes ${failed.length} claim(s) the data no longer supports:\n` +
        failed.map((c) => `  - ${c.id}: "${c.says}" is false; figures: ${c.figures}`).join('\n') +
        '\nEdit the sentence in src/story/article.ts (and its claim in src/story/figures/), or check the data.',
    );
    this.name = 'ClaimError';
    this.failed = failed;
  }
}

export interface StoryOptions {
  /** Source ids the charts cite: with the copy's own, they are the sources the article counts. */
  chartSourceIds?: readonly string[];
}

export function computeStory(data: SiteData, opts: StoryOptions = {}): Story {
  const sink = createSink();
  flipFigures(data, sink);
  countingFigures(data, sink);
  nextFigures(data, sink);
  technologyFigures(data, sink);
  priceFigures(data, sink);
  policyFigures(data, sink);
  whyFigures(data, sink);

  // Scope: how far the data run, and how many sources the article actually uses.
  const { f } = sink;
  // One definition with the charts (src/data/latest.ts): the last day any chart plots.
  f.dataThrough = dataThroughText(data);
  const known = new Set(data.datasets.sources.map((x) => x.id));
  const used = new Set(
    [...Object.values(sink.sources).flat(), ...(opts.chartSourceIds ?? [])].filter((id) =>
      known.has(id),
    ),
  );
  f.sourceCount = formatCount(used.size);
  return { facts: f, claims: sink.claims, sources: sink.sources };
}

/** Throws a ClaimError naming every claim that no longer holds. */
export function assertClaims(story: Story): void {
  const failed = story.claims.filter((c) => !c.holds);
  if (failed.length > 0) throw new ClaimError(failed);
}
