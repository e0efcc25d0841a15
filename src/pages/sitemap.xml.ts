// sitemap.xml: the article and the methodology page (embed pages are noindex; downloads are files).
import type { APIRoute } from 'astro';
import { absoluteUrl } from '../lib/site.ts';
import { sitemap } from '../publish/share/feed.ts';

export const GET: APIRoute = () =>
  new Response(sitemap(absoluteUrl, ['', 'methodology/']), {
    headers: { 'Content-Type': 'application/xml; charset=utf-8' },
  });
