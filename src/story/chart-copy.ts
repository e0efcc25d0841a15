/**
 * A chart's words from the document: a graphic or scroller block in src/story/article.aml may
 * give its chart's title, subtitle and notes, with {placeholders} filled from the figures the
 * chart module computes (Chart.figures) and the story's figures. Chart modules keep the data,
 * the marks and the figures; where the document gives a text, the module's own is not used.
 * Words generated from rows (each chart's description) stay in the chart modules.
 * Titles, subtitles and notes are plain text (the pages escape them): no **bold** or links.
 */
import type { AnyChart } from '../charts/types.ts';
import { atLine, nearestText, type Block, type ChartCopy } from './document.ts';

const PLACEHOLDER = /\{(\^?)([a-zA-Z][\w]*)\}/g;

/** Fills a chart text's placeholders (plain text), recording unknown names at the line. */
export function fillChartText(
  template: string,
  figures: Record<string, string>,
  line: number | undefined,
  chartId: string,
  problems: string[],
): string {
  return template.replace(PLACEHOLDER, (m, cap: string, name: string) => {
    const v = figures[name];
    if (v === undefined || v === '') {
      problems.push(
        `${atLine(line)}: placeholder {${cap}${name}} in chart "${chartId}"'s words has no figure${nearestText(name, Object.keys(figures), (k) => `{${k}}`)}`,
      );
      return m;
    }
    return cap ? v.charAt(0).toUpperCase() + v.slice(1) : v;
  });
}

/** The charts with the words the document gives them (new objects; the others unchanged). */
export function applyChartCopy(
  charts: readonly AnyChart[],
  blocks: readonly Block[],
  facts: Record<string, string>,
  problems: string[],
): AnyChart[] {
  const words = new Map<string, { copy: ChartCopy; block: Block }>();
  for (const b of blocks)
    if ((b.type === 'figure' || b.type === 'scrolly') && b.copy)
      words.set(b.chart, { copy: b.copy, block: b });
  return charts.map((chart) => {
    const w = words.get(chart.id);
    if (!w) return chart;
    const figures = { ...facts, ...chart.figures };
    const at = w.block.at;
    const fill = (t: string, line: number | undefined) =>
      fillChartText(t, figures, line ?? at?.line, chart.id, problems);
    return {
      ...chart,
      ...(w.copy.title !== undefined ? { title: fill(w.copy.title, at?.fields.title) } : {}),
      ...(w.copy.subtitle !== undefined
        ? { subtitle: fill(w.copy.subtitle, at?.fields.subtitle) }
        : {}),
      ...(w.copy.notes !== undefined
        ? { notes: w.copy.notes.map((n, k) => fill(n, at?.paragraphs?.notes?.[k])) }
        : {}),
    };
  });
}
