/**
 * Rows written in a test, for the derivations that take typed rows: a lab with its origin, and a
 * Data API day row. One place for the outlet-method and why tests, which had a copy each.
 */
import type { ApiDailyTokenRow, LabRow } from '../../src/pipeline/datasets.ts';

/** A lab whose name is its slug, classified by the given source. */
export const labRow = (slug: string, origin: LabRow['origin'], source = 'desk'): LabRow => ({
  slug,
  lab: slug,
  origin,
  revealed_as: null,
  revealed_on: null,
  note: null,
  source_ids: [source],
});

/** A Data API row of a day; `other` has no rank and no author. */
export const apiRow = (date: string, slug: string, tokens: number): ApiDailyTokenRow => ({
  date,
  rank: slug === 'other' ? null : 1,
  model_permaslug: slug,
  author: slug === 'other' ? null : slug.split('/')[0]!,
  total_tokens: tokens,
  as_of: null,
  raw_file: 'data/raw/x.json',
  raw_sha256: '0'.repeat(64),
});
