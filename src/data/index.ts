/**
 * The typed datasets as the pages import them. The JSON files are written by `npm run data`
 * (src/pipeline/run.ts) and are not in git; their types come from the dataset schemas.
 */
import type { DatasetName, RawDatasets } from '../pipeline/datasets.ts';
import type { Derived, Headline } from '../pipeline/derive/index.ts';
import type { Provenance } from '../pipeline/load.ts';
import type { DatasetMeta } from '../pipeline/meta.ts';
import type { UpdateLogEntry } from '../pipeline/update-log.ts';
import datasetsJson from './generated/datasets.json' with { type: 'json' };
import derivedJson from './generated/derived.json' with { type: 'json' };
import metaJson from './generated/meta.json' with { type: 'json' };
import provenanceJson from './generated/provenance.json' with { type: 'json' };
import updateLogJson from './generated/update-log.json' with { type: 'json' };

export const datasets = datasetsJson as unknown as RawDatasets;
export const derived = derivedJson as unknown as Derived & { headlines: Headline[] };
export const meta = metaJson as unknown as Record<DatasetName, DatasetMeta>;
export const provenance = provenanceJson as unknown as { built_at: string; datasets: Provenance[] };

/** Updates an editor approved before publishing (data/update-log.csv), oldest first. */
export const updateLog = updateLogJson as unknown as UpdateLogEntry[];

export type { DatasetName, RawDatasets, Derived, Headline, DatasetMeta, Provenance, UpdateLogEntry };
