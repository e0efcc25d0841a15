// Counts the words of the story a reader reads (title, dek, headings, paragraphs and scrolly
// steps, figures filled in) and the figures the article shows, from the generated data (run
// `npm run data` first). Chart furniture (titles, notes, sources) is counted apart. The editors'
// reading-time budget is about 1,800 words of story (issue 24).
import { buildCharts } from '../src/charts/index.ts';
import { datasets, derived, meta, provenance } from '../src/data/index.ts';
import { loadArticle } from '../src/story/document.ts';
import { computeStory } from '../src/story/facts.ts';
import { renderArticle } from '../src/story/prepare.ts';

const data = { datasets, derived, meta, provenance };
const built = buildCharts(data);
const story = computeStory(data, { chartSourceIds: built.flatMap((c) => c.sourceIds) });
const doc = loadArticle();
const article = renderArticle(story, built, (h) => h, doc.blocks, doc.head);
const plain = (html: string) => html.replace(/<[^>]+>/g, ' ');
const words = (t: string) =>
  plain(t)
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

let story_ = words(article.head.title) + words(article.head.dek);
let furniture = 0;
const figures: string[] = [];
const chartWords = (c: (typeof article.charts)[number]) =>
  words(c.title) + words(c.subtitle ?? '') + (c.notes ?? []).reduce((n, x) => n + words(x), 0);
for (const b of article.blocks) {
  if (b.type === 'h2' || b.type === 'p') story_ += words(b.html);
  else if (b.type === 'scrolly') {
    for (const s of b.steps) story_ += s.html.reduce((n, h) => n + words(h), 0);
    figures.push(b.chart.id);
    furniture += chartWords(b.chart);
  } else if (b.type === 'figure') {
    figures.push(b.chart.id);
    furniture += chartWords(b.chart);
  }
}
console.log(`story words: ${story_}`);
console.log(`chart titles, subtitles and notes: ${furniture} words`);
console.log(`figures in the article: ${figures.length} (${figures.join(', ')})`);
for (const c of article.charts.filter((c) => figures.includes(c.id)))
  console.log(
    `  ${c.id}: "${c.title}" (${words(c.title)} words; notes ${(c.notes ?? []).reduce((n, x) => n + words(x), 0)})`,
  );
