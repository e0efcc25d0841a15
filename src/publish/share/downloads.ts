/**
 * What a reader can take away: each chart's rows (CSV, JSON), its picture (SVG, PNG; light
 * and dark), its metadata (sources, licences, provenance, citation), and every dataset whole.
 * The endpoints under src/pages/downloads/ and the links under each chart both use this file.
 */
import type { AnyChart } from '../../charts/types.ts';
import type { DatasetName } from '../../data/index.ts';
import { articleChartUrl, embedUrl } from './embed.ts';
import { formatDate } from '../../lib/format.ts';
import type { Theme } from '../../lib/palette.ts';
import { apiCitation } from '../../pipeline/derive/api.ts';
import { siteData, sourcesById } from '../site/site-data.ts';
import { SITE, absoluteUrl, withBase } from '../../lib/site.ts';

export const THEMES: readonly Theme[] = ['light', 'dark'];

/** Files of a chart, as paths under the base. */
export const chartFiles = (id: string) => ({
  csv: `downloads/charts/${id}.csv`,
  json: `downloads/charts/${id}.json`,
  svg: (t: Theme) => `downloads/charts/${id}.${t}.svg`,
  png: (t: Theme) => `downloads/charts/${id}.${t}.png`,
  metadata: `downloads/charts/${id}.metadata.json`,
});

/** Files of a dataset, as paths under the base. */
export const datasetFiles = (name: string) => ({
  csv: `downloads/datasets/${name}.csv`,
  json: `downloads/datasets/${name}.json`,
});

export { FORMULA_TRIGGER, toCsv } from '../../lib/csv.ts';
import { toCsv } from '../../lib/csv.ts';

/** The chart's rows keyed by their column labels (the CSV header). */
function labelledRows(chart: AnyChart): Array<Record<string, unknown>> {
  return chart.rows.map((r) =>
    Object.fromEntries(
      chart.columns.map((c) => [c.label, (r as Record<string, unknown>)[c.key] ?? null]),
    ),
  );
}

export function chartCsv(chart: AnyChart): string {
  return toCsv(
    chart.columns.map((c) => c.label),
    labelledRows(chart),
  );
}

const builtAt = () => siteData.provenance.built_at;
const provenanceOf = (names: readonly string[]) =>
  siteData.provenance.datasets
    .filter((d) => names.includes(d.dataset))
    .map((d) => ({
      dataset: d.dataset,
      file: d.file,
      sha256: d.sha256,
      bytes: d.bytes,
      rows: d.rows,
      built_at: builtAt(),
    }));

/** A citation a reader can paste. */
export function citation(chart: AnyChart): string {
  const date = formatDate(builtAt().slice(0, 10));
  return `${SITE.publisher}, “${chart.title}”, ${SITE.name}, built ${date}. ${articleChartUrl(chart.id)} (${SITE.licence}).`;
}

export function chartJson(chart: AnyChart): string {
  const doc = {
    chart: chart.id,
    title: chart.title,
    subtitle: chart.subtitle,
    url: articleChartUrl(chart.id),
    columns: chart.columns.map((c) => ({ name: c.label, key: c.key })),
    rows: labelledRows(chart),
    metadata: absoluteUrl(chartFiles(chart.id).metadata),
    licence: SITE.licence,
    ...(chart.citation ? { source_citation: chart.citation } : {}),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

const sourceRows = (ids: readonly string[]) =>
  [...new Set(ids)].map((id) => sourcesById.get(id)).filter((s) => s !== undefined);

/** Sources' own terms, named from each dataset's metadata licence. */
const datasetLicences = (names: readonly DatasetName[]) =>
  names.map((n) => ({ dataset: n, licence: siteData.meta[n]?.licence ?? '' }));

export function chartMetadata(chart: AnyChart): string {
  const f = chartFiles(chart.id);
  const doc = {
    chart: chart.id,
    title: chart.title,
    subtitle: chart.subtitle,
    description: chart.description,
    notes: chart.notes,
    url: articleChartUrl(chart.id),
    embed: embedUrl(chart.id),
    citation: citation(chart),
    ...(chart.citation ? { source_citation: chart.citation } : {}),
    licence: {
      name: SITE.licence,
      url: SITE.licenceUrl,
      applies_to:
        'the chart, its rows and our derived figures; source figures remain those of their publishers',
      sources_terms: datasetLicences(chart.datasets),
    },
    sources: sourceRows(chart.sourceIds),
    datasets: chart.datasets.map((n) => ({
      name: n,
      title: siteData.meta[n]?.title ?? n,
      csv: absoluteUrl(datasetFiles(n).csv),
      json: absoluteUrl(datasetFiles(n).json),
    })),
    provenance: { built_at: builtAt(), datasets: provenanceOf(chart.datasets) },
    columns: chart.columns.map((c) => ({ name: c.label, key: c.key })),
    rows: chart.rows.length,
    files: {
      csv: absoluteUrl(f.csv),
      json: absoluteUrl(f.json),
      svg: Object.fromEntries(THEMES.map((t) => [t, absoluteUrl(f.svg(t))])),
      png: Object.fromEntries(THEMES.map((t) => [t, absoluteUrl(f.png(t))])),
    },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export const DATASET_NAMES = (): DatasetName[] =>
  siteData.provenance.datasets.map((d) => d.dataset as DatasetName);

function datasetRows(name: DatasetName): Array<Record<string, unknown>> {
  return (
    (siteData.datasets as unknown as Record<string, Array<Record<string, unknown>>>)[name] ?? []
  );
}

export function datasetCsv(name: DatasetName): string {
  const meta = siteData.meta[name];
  const rows = datasetRows(name);
  const fields = meta ? Object.keys(meta.columns) : Object.keys(rows[0] ?? {});
  return toCsv(fields, rows);
}

export function datasetJson(name: DatasetName): string {
  const meta = siteData.meta[name];
  const doc = {
    dataset: name,
    title: meta?.title ?? name,
    description: meta?.description ?? '',
    licence: meta?.licence ?? SITE.licence,
    ...(name === 'api-daily-tokens'
      ? { source_citation: `${apiCitation(siteData.derived.api.as_of)} Licensed under CC BY 4.0.` }
      : {}),
    columns: meta?.columns ?? {},
    sources: sourceRows(meta?.source_ids ?? []),
    provenance: provenanceOf([name])[0] ?? null,
    rows: datasetRows(name),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The download links under a chart, in the order the tool row shows them. */
export function chartLinks(chart: AnyChart): Array<{ label: string; href: string; title: string }> {
  const f = chartFiles(chart.id);
  return [
    { label: 'CSV', href: withBase(f.csv), title: `The chart's ${chart.rows.length} rows as CSV` },
    { label: 'JSON', href: withBase(f.json), title: "The chart's rows as JSON" },
    { label: 'SVG', href: withBase(f.svg('light')), title: 'The chart as SVG (light)' },
    { label: 'PNG', href: withBase(f.png('light')), title: 'The chart as PNG (light)' },
    {
      label: 'metadata',
      href: withBase(f.metadata),
      title: 'Sources, licence, provenance and a citation (JSON)',
    },
  ];
}
