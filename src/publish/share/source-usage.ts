/**
 * Where each source is used: the charts that cite it and the sections of the copy whose figures
 * rest on it. A source used nowhere is listed as consulted, and is not counted as a source of
 * the article.
 */
import type { AnyChart } from '../../charts/types.ts';
import type { SourceRow } from '../../pipeline/datasets.ts';
import type { Story } from '../../story/facts.ts';

/** Section ids of the copy (the story's cite() keys) as readers see them. */
export const SECTION_LABEL: Record<string, string> = {
  opening: 'the opening',
  counting: 'How the count decides the answer',
  next: 'What happened next',
  technology: 'Technology',
  price: 'Price',
  policy: 'Policy',
};

export interface SourceUse {
  source: SourceRow;
  charts: Array<{ id: string; title: string }>;
  sections: string[];
}

export function sourceUsage(
  sources: readonly SourceRow[],
  charts: readonly AnyChart[],
  story: Story,
): { used: SourceUse[]; unused: SourceRow[] } {
  const used: SourceUse[] = [];
  const unused: SourceRow[] = [];
  for (const source of sources) {
    const inCharts = charts
      .filter((c) => c.sourceIds.includes(source.id))
      .map((c) => ({ id: c.id, title: c.title }));
    const sections = Object.entries(story.sources)
      .filter(([, ids]) => ids.includes(source.id))
      .map(([k]) => SECTION_LABEL[k] ?? k);
    if (inCharts.length === 0 && sections.length === 0) unused.push(source);
    else used.push({ source, charts: inCharts, sections });
  }
  return { used, unused };
}
