/**
 * The full source list behind a chart's source line (the toolbar's Sources panel). On the
 * article it is the largest piece of furniture (about 8 KiB of the first load's gzip for eight
 * charts, most of it the same sources again), and most readers never open it; so the page
 * carries a link to the methodology page's list in its place, and src/client/lazy-panels.ts
 * fetches the chart's own list, a static JSON file written by src/pages/parts/[file].ts,
 * when the panel opens.
 */
import type { DatasetName } from '../../data/index.ts';
import { withBase } from '../../lib/site.ts';
import { orderedSources, provenanceOf, sourceListHtml } from './sources.ts';
import { siteData, sourcesById } from '../site/site-data.ts';

/** Folder under the base that holds the fragments panels fetch when opened. */
export const PARTS_DIR = 'parts/';

/** The list's items (HTML, one per source) and the line on the chart's data files. */
export const sourcePanel = (
  sourceIds: readonly string[],
  datasets: readonly DatasetName[],
): { items: string[]; data: string } =>
  sourceListHtml(
    orderedSources(sourceIds, sourcesById),
    provenanceOf(datasets, siteData.provenance.datasets),
    siteData.provenance.built_at,
    {
      sources: withBase('methodology/#sources'),
      dataset: (d) => withBase(`methodology/#ds-${d}`),
    },
  );

/** File name (under PARTS_DIR) of a chart's source list. */
export const sourcesFileName = (chartId: string): string => `sources.${chartId}.json`;

/** The site path the panel fetches. */
export const sourcesFilePath = (chartId: string): string =>
  withBase(PARTS_DIR + sourcesFileName(chartId));

/** The file: the chart's id and the list's items (HTML of each <li>), as the panel fills them. */
export const sourcesFile = (
  chartId: string,
  sourceIds: readonly string[],
  datasets: readonly DatasetName[],
): string => JSON.stringify({ chart: chartId, items: sourcePanel(sourceIds, datasets).items });
