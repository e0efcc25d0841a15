// Social cards (1200x630 PNG): the article (its lead chart), the methodology page, each chart.
import type { APIRoute, GetStaticPaths } from 'astro';
import { cardSvg, chartCard, sourceSummary, svgToPng } from '../../publish/images/images.ts';
import { article, chartById, charts, siteData, story } from '../../publish/site/site-data.ts';
import { SITE } from '../../lib/site.ts';
import { ARTICLE_CARD_CHART } from '../../lib/story-settings.ts';

export const getStaticPaths = (() => [
  { params: { file: 'article.png' }, props: { card: 'article' } },
  { params: { file: 'methodology.png' }, props: { card: 'methodology' } },
  ...charts.map((c) => ({ params: { file: `${c.id}.png` }, props: { card: 'chart', id: c.id } })),
]) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const { card, id } = props as { card: 'article' | 'methodology' | 'chart'; id?: string };
  let svg: string;
  if (card === 'chart') svg = chartCard(chartById(id!));
  else if (card === 'article') {
    const lead = chartById(ARTICLE_CARD_CHART);
    svg = cardSvg({
      kicker: article.head.kicker,
      title: article.head.title,
      chart: lead,
      footer: sourceSummary(lead, 2),
    });
  } else {
    svg = cardSvg({
      kicker: 'Methodology',
      title: 'How we counted, and where every figure comes from',
      body: `${siteData.provenance.datasets.length} datasets, ${story.facts.sourceCount} sources, four ways to count tokens by the origin of each model's lab, and the caveats.`,
      footer: `${SITE.publisher} · ${SITE.licence}`,
    });
  }
  return new Response(new Uint8Array(svgToPng(svg)), { headers: { 'Content-Type': 'image/png' } });
};
