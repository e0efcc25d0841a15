/**
 * OpenRouter's Data API is CC BY 4.0 and asks for its citation line, with the data's as_of,
 * wherever its figures appear; republished data add "Licensed under CC BY 4.0." Checked on the
 * built site (npm test builds first).
 */
import { formatDate } from '../../src/lib/format.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { DIST } from '../embed/helpers.ts';

const read = (p: string) => readFileSync(join(DIST, p), 'utf8');
const derived = JSON.parse(
  readFileSync(join(DIST, '..', 'src/data/generated/derived.json'), 'utf8'),
) as { api: { as_of: string | null } };
const CITATION = `Source: OpenRouter (openrouter.ai/rankings), as of ${formatDate(derived.api.as_of!.slice(0, 10))}.`;

/** The charts built from the Data API, as their metadata downloads list their datasets. */
const apiCharts = (): string[] => {
  const html = read('index.html');
  const ids = [
    ...new Set([...html.matchAll(/<figure[^>]*\bdata-chart="([^"]+)"/g)].map((m) => m[1]!)),
  ];
  return ids.filter((id) => {
    const meta = JSON.parse(read(`downloads/charts/${id}.metadata.json`)) as {
      datasets: Array<{ name: string }>;
    };
    return meta.datasets.some((d) => d.name === 'api-daily-tokens');
  });
};

describe("OpenRouter's citation wherever its data appear", () => {
  it('the as_of is a real time from the responses, not invented', () => {
    expect(derived.api.as_of).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  });

  it('every chart, table and download built from the Data API carries the citation line', () => {
    const charts = apiCharts();
    expect(charts.length).toBeGreaterThanOrEqual(3);
    const doc = parseHTML(read('index.html')).document;
    for (const id of charts) {
      const fig = doc.getElementById(`chart-${id}`);
      expect(fig, id).not.toBeNull();
      // The scroller's notes sit after its sticky graphic, inside the same section.
      const host = fig!.closest('section.scrolly') ?? fig!;
      const text = (host.textContent ?? '').replace(/\s+/g, ' ');
      expect(text, `${id}: under the chart`).toContain(CITATION);
      expect(
        host.querySelector('table caption')?.textContent ?? '',
        `${id}: table caption`,
      ).toContain(CITATION);
      expect(read(`embed/${id}/index.html`), `${id}: embed page`).toContain(
        CITATION.replace(/'/g, '&#39;'),
      );
      const meta = JSON.parse(read(`downloads/charts/${id}.metadata.json`)) as {
        source_citation?: string;
      };
      expect(meta.source_citation, `${id}: metadata`).toBe(CITATION);
      expect(
        (JSON.parse(read(`downloads/charts/${id}.json`)) as { source_citation?: string })
          .source_citation,
        `${id}: json`,
      ).toBe(CITATION);
    }
  });

  it('the dataset download adds the licence line', () => {
    const doc = JSON.parse(read('downloads/datasets/api-daily-tokens.json')) as {
      source_citation?: string;
    };
    expect(doc.source_citation).toBe(`${CITATION} Licensed under CC BY 4.0.`);
  });
});
