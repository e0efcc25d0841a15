// Per-dataset downloads: every row of a dataset as CSV, and as JSON with its metadata and provenance.
import type { APIRoute, GetStaticPaths } from 'astro';
import type { DatasetName } from '../../../data/index.ts';
import { DATASET_NAMES, datasetCsv, datasetJson } from '../../../publish/share/downloads.ts';

export const getStaticPaths = (() =>
  DATASET_NAMES().flatMap((name) => [
    { params: { file: `${name}.csv` }, props: { name, kind: 'csv' } },
    { params: { file: `${name}.json` }, props: { name, kind: 'json' } },
  ])) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const { name, kind } = props as { name: DatasetName; kind: 'csv' | 'json' };
  return kind === 'csv'
    ? new Response(datasetCsv(name), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } })
    : new Response(datasetJson(name), {
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
      });
};
