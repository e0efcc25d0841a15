// The oEmbed document of each chart (type rich), found through the embed page's discovery link.
import type { APIRoute, GetStaticPaths } from 'astro';
import { oembed } from '../../../publish/share/embed.ts';
import { chartById, charts } from '../../../publish/site/site-data.ts';

export const getStaticPaths = (() =>
  charts.map((c) => ({ params: { id: c.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) =>
  new Response(`${JSON.stringify(oembed(chartById(params.id!)), null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json+oembed; charset=utf-8' },
  });
