// The files a page fetches when a reader opens a panel (src/publish/share/source-panel.ts): each
// chart's full source list, as JSON.
import type { APIRoute, GetStaticPaths } from 'astro';
import type { AnyChart } from '../../charts/types.ts';
import { sourcesFile, sourcesFileName } from '../../publish/share/source-panel.ts';
import { charts } from '../../publish/site/site-data.ts';

export const getStaticPaths = (() =>
  charts.map((chart) => ({
    params: { file: sourcesFileName(chart.id) },
    props: { chart },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const { chart } = props as { chart: AnyChart };
  return new Response(sourcesFile(chart.id, chart.sourceIds, chart.datasets), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
