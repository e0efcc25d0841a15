// The Atom feed of corrections and approved updates (src/publish/share/feed.ts), at /feed.xml.
import type { APIRoute } from 'astro';
import { updateLog } from '../data/index.ts';
import { SITE, absoluteUrl } from '../lib/site.ts';
import { atomFeed } from '../publish/share/feed.ts';
import { CORRECTIONS } from '../story/corrections.ts';

export const GET: APIRoute = () =>
  new Response(
    atomFeed({
      title: SITE.name,
      publisher: SITE.publisher,
      abs: absoluteUrl,
      corrections: CORRECTIONS,
      updates: updateLog,
    }),
    { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } },
  );
