// Per-chart downloads: rows (CSV, JSON), picture (SVG, PNG; light and dark) and metadata.
import type { APIRoute, GetStaticPaths } from 'astro';
import { chartCsv, chartJson, chartMetadata, THEMES } from '../../../publish/share/downloads.ts';
import { chartImage, svgToPng } from '../../../publish/images/images.ts';
import { chartById, charts } from '../../../publish/site/site-data.ts';

type Kind = 'csv' | 'json' | 'metadata' | 'svg' | 'png';
const TYPES: Record<Kind, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  metadata: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
};

export const getStaticPaths = (() =>
  charts.flatMap((c) => [
    { params: { file: `${c.id}.csv` }, props: { id: c.id, kind: 'csv' as Kind } },
    { params: { file: `${c.id}.json` }, props: { id: c.id, kind: 'json' as Kind } },
    { params: { file: `${c.id}.metadata.json` }, props: { id: c.id, kind: 'metadata' as Kind } },
    ...THEMES.flatMap((theme) => [
      { params: { file: `${c.id}.${theme}.svg` }, props: { id: c.id, kind: 'svg' as Kind, theme } },
      { params: { file: `${c.id}.${theme}.png` }, props: { id: c.id, kind: 'png' as Kind, theme } },
    ]),
  ])) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const { id, kind, theme } = props as { id: string; kind: Kind; theme?: 'light' | 'dark' };
  const chart = chartById(id);
  let body: string | Uint8Array<ArrayBuffer>;
  if (kind === 'csv') body = chartCsv(chart);
  else if (kind === 'json') body = chartJson(chart);
  else if (kind === 'metadata') body = chartMetadata(chart);
  else {
    const img = chartImage(chart, theme ?? 'light');
    body =
      kind === 'svg'
        ? `<?xml version="1.0" encoding="UTF-8"?>\n${img.svg}\n`
        : new Uint8Array(svgToPng(img.svg, 2));
  }
  return new Response(body, { headers: { 'Content-Type': TYPES[kind] } });
};
