/** Shared by the embed suites: the built site on one origin, host pages on another. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = `${ROOT}dist`;

/** The chart ids, in article order, as the build wrote them (one embed page each). */
export function builtChartIds(dist = DIST): string[] {
  const html = readFileSync(`${dist}/index.html`, 'utf8');
  return [...html.matchAll(/<figure[^>]*\bdata-chart="([^"]+)"/g)].map((m) => m[1]!).filter((v, i, a) => a.indexOf(v) === i);
}

/** The embed snippet of a chart from its oEmbed document, pointed at the test server. */
export function snippetFor(id: string, siteOrigin: string, dist = DIST): { html: string; fallback: number } {
  const doc = JSON.parse(readFileSync(`${dist}/embed/${id}/oembed.json`, 'utf8')) as { html: string; height: number; provider_url: string };
  const built = new URL(doc.provider_url).origin;
  return { html: doc.html.replaceAll(built, siteOrigin), fallback: doc.height };
}

/** PNG width and height from the IHDR chunk, after checking the signature. */
export function pngSize(buf: Buffer): { width: number; height: number } {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!sig.every((b, i) => buf[i] === b)) throw new Error('not a PNG (bad signature)');
  if (buf.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG (no IHDR first)');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}
