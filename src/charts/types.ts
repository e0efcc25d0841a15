import type { PlotOptions } from '@observablehq/plot';
import type { DatasetName } from '../data/index.ts';
import type { SiteData } from '../data/site-data.ts';
import type { Estimate } from './estimate.ts';

/** What a chart may read; defined beside the datasets (re-exported for existing imports). */
export type { SiteData };

/** A column of a chart's data table and CSV download. */
export interface ChartColumn<R> {
  key: keyof R & string;
  /** Header in the CSV and JSON downloads (plain units, e.g. "tokens", "usd_per_mtok"). */
  label: string;
  /** Header in the page's table, in words, where src/charts/column-words.ts has none for the label. */
  heading?: string;
  /** How the table shows a value (the house formatter); CSV keeps the raw value. */
  format: (value: R[keyof R & string], row: R) => string;
}

/** A named state of a chart that a scrollytelling step can ask for. */
export interface ChartState {
  id: string;
  /** What the state shows, for screen readers and the step button. */
  label: string;
}

/** A chart's words as written in the document (src/story/article.aml), placeholders and claim
 *  markers unfilled: what the coverage walk reads (src/story/coverage.ts). */
export interface ChartTexts {
  title?: string;
  subtitle?: string;
  notes?: string[];
  description?: string;
  /** State labels by state id. */
  states?: Record<string, string>;
}

/** A chart, resolved against the data: everything a page, an embed or a download needs. */
export interface Chart<R extends object = Record<string, unknown>> {
  /** Stable kebab-case id: /embed/<id>/, downloads, anchors (#chart-<id>). */
  id: string;
  title: string;
  subtitle: string;
  /** Notes printed under the chart (caveats, definitions). */
  notes: string[];
  /** Figures the chart's words in src/story/article.aml may name as {placeholders} (formatted
   *  text). A chart whose words moved into the document leaves its title, subtitle, notes and
   *  description empty here: the document's words replace them (src/story/chart-copy.ts). */
  figures?: Record<string, string>;
  /** The document's templates behind title, subtitle, notes and description, once worded. */
  templates?: ChartTexts;
  /** Ids in sources.csv, for the source line. */
  sourceIds: string[];
  /** A citation line a source requires wherever its data appear (OpenRouter's Data API). */
  citation?: string;
  /** Datasets that feed the chart (their provenance is shown and shipped). */
  datasets: DatasetName[];
  /** The exact rows plotted: the data table and the CSV/JSON downloads. */
  rows: R[];
  columns: ChartColumn<R>[];
  /** Which rows are estimates, and of what kind (estimate.ts); absent where the chart plots no
   *  estimate. Every estimated row is drawn hollow and every other row filled (estimate test). */
  estimate?: (row: R) => Estimate | null;
  /** A text description generated from the data (alt text / aria-describedby). */
  description: string;
  /** Claims (ids defined in src/story/figures/) that check the words of this chart's title,
   *  subtitle, notes and description, for the coverage walk (src/story/coverage.ts). */
  claims?: string[];
  /** Named states for scrollytelling; the first is the default. */
  states?: ChartState[];
  /** Plot options for a given width (px) and state; pure: no document, no I/O. `size.height`
   *  asks for a taller or shorter drawing (the scrollytelling graphic fills the screen); a
   *  chart that cannot change its height ignores it. */
  plot: (width: number, state?: string, size?: { height?: number }) => PlotOptions;
}

/** A chart of any row type: what lists of charts, pages and downloads hold. A chart's row type
 *  appears in its callbacks' parameters (contravariant), so no narrower type fits them all. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: the one place rows are erased
export type AnyChart = Chart<any>;

export type ChartFactory = (data: SiteData) => AnyChart;
