/**
 * The input of charts and story alike: the typed datasets, the derived series, the metadata
 * and the provenance, as the pages import them (src/data/index.ts) or a test builds them. It
 * lives here, below both, so that the story does not depend on chart code for its input type.
 */
import type { DatasetName, RawDatasets } from '../pipeline/datasets.ts';
import type { Derived, Headline } from '../pipeline/derive/index.ts';
import type { Provenance } from '../pipeline/load.ts';
import type { DatasetMeta } from '../pipeline/meta.ts';

/** Everything a chart or a figure of the copy may read. */
export interface SiteData {
  datasets: RawDatasets;
  derived: Derived & { headlines: Headline[] };
  meta: Record<DatasetName, DatasetMeta>;
  provenance: { built_at: string; datasets: Provenance[] };
}
