// The drawings a page leaves out of its first load (src/publish/share/chart-svg.ts): one static SVG
// per chart, state and width, fetched by src/client/lazy-svg.ts when it is about to be seen.
import type { APIRoute, GetStaticPaths } from 'astro';
import type { AnyChart } from '../../charts/types.ts';
import { svgFile, svgFiles, type SvgVariant } from '../../publish/share/chart-svg.ts';
import { charts } from '../../publish/site/site-data.ts';

export const getStaticPaths = (() =>
  svgFiles(charts).map(({ name, chart, variant, state }) => ({
    params: { file: name },
    props: { chart, variant, state },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const { chart, variant, state } = props as {
    chart: AnyChart;
    variant: SvgVariant;
    state?: string;
  };
  return new Response(svgFile(chart, variant, state), {
    headers: { 'Content-Type': 'image/svg+xml; charset=utf-8' },
  });
};
