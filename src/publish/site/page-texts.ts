/**
 * The pages' own texts that readers (and search engines, social cards and CMSs) read besides the
 * article: each page's meta description, its social image's alt text, and for each chart its
 * embed page's title and description, its oEmbed and iframe title. The pages print these from
 * here, and the coverage walk (src/story/coverage.ts) reads the same list, so no meta text can
 * state something about the data that code did not write or a claim does not check. Texts built
 * from the article's head or a chart's words are walked where those are written (the document);
 * the ones typed here are walked as templates with their computed parts as {placeholders}.
 */
import type { AnyChart } from '../../charts/types.ts';
import { SITE } from '../../lib/site.ts';
import type { ReaderText } from '../../story/coverage.ts';
import type { PreparedArticle } from '../../story/prepare.ts';

/** One page's meta texts: title, description and the social image's alt text. */
export interface PageMeta {
  title: string;
  description: string;
  imageAlt: string;
}

const fill = (template: string, figures: Record<string, string>): string =>
  template.replace(/\{([a-zA-Z]\w*)\}/g, (m, name: string) => figures[name] ?? m);

const METHODOLOGY = {
  title: 'Methodology, data and sources · {siteName}',
  description:
    'How the article counts Chinese and U.S. tokens on OpenRouter: the datasets, the {methodCount} counting methods, the caveats, every source, the corrections log and the updates an editor approved.',
  imageAlt: 'Methodology of {siteName}: how we counted, and where every figure comes from.',
};

const NOT_FOUND = {
  title: 'Page not found · {siteName}',
  description: 'There is no page at this address.',
  imageAlt: '',
};

/** The figures the typed meta texts name. */
function metaFigures(article: PreparedArticle): Record<string, string> {
  const byMethod = article.charts.find((c) => c.id === 'share-by-method');
  return { siteName: SITE.name, methodCount: byMethod?.figures?.methodCount ?? '' };
}

export const methodologyMeta = (article: PreparedArticle): PageMeta => {
  const f = metaFigures(article);
  return {
    title: fill(METHODOLOGY.title, f),
    description: fill(METHODOLOGY.description, f),
    imageAlt: fill(METHODOLOGY.imageAlt, f),
  };
};

export const notFoundMeta = (): PageMeta => ({
  ...NOT_FOUND,
  title: fill(NOT_FOUND.title, { siteName: SITE.name }),
});

/** The article page's: its head, and the lead chart's title on the social image. */
export const articleMeta = (article: PreparedArticle, lead: AnyChart): PageMeta => ({
  title: article.head.title,
  description: article.head.description,
  imageAlt: `${article.head.title}. Chart: ${lead.title}`,
});

/** A chart's embed page (its oEmbed and iframe title are the chart's title). */
export const embedMeta = (chart: AnyChart): PageMeta => ({
  title: `${chart.title} · ${SITE.name}`,
  description: chart.subtitle,
  imageAlt: `Chart: ${chart.title}. ${chart.subtitle}`,
});

/** The typed meta texts, as templates, for the coverage walk (the rest are the document's). */
export function pageReaderTexts(): ReaderText[] {
  const out: ReaderText[] = [];
  for (const [page, meta] of [
    ['methodology', METHODOLOGY],
    ['404', NOT_FOUND],
  ] as const)
    for (const [field, template] of Object.entries(meta))
      if (template) out.push({ where: `page ${page} ${field}`, template, claims: [] });
  out.push({ where: 'page embed title', template: `{chartTitle} · {siteName}`, claims: [] });
  out.push({
    where: 'page embed alt',
    template: 'Chart: {chartTitle}. {chartSubtitle}',
    claims: [],
  });
  return out;
}
