/** The copy reference computed from the generated data (src/data/generated), as the site is. */
import { buildCharts } from '../../charts/index.ts';
import { datasets, derived, meta, provenance } from '../../data/index.ts';
import { loadArticle } from '../../story/document.ts';
import { computeStory } from '../../story/facts.ts';
import { renderArticle } from '../../story/prepare.ts';
import { copyReference } from './copy-reference.ts';

export function referenceText(): string {
  const data = { datasets, derived, meta, provenance };
  const built = buildCharts(data);
  const story = computeStory(data, { chartSourceIds: built.flatMap((c) => c.sourceIds) });
  const doc = loadArticle();
  const article = renderArticle(story, built, (h) => h, doc.blocks, doc.head, doc.more);
  return copyReference(story, article.charts);
}
