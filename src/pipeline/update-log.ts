/**
 * data/update-log.csv: the updates an editor read and approved before they were published
 * (`npm run update -- --publish-held` appends a row when the held build's copy changed). It is
 * the record of routine updates, kept apart from the corrections log (src/story/corrections.ts),
 * which is for errors; the methodology page shows both. Updates published automatically (every
 * claim held, no sentence marked for review changed) are not logged here: the byline's "Data
 * through" and "Built" dates say when the data last moved.
 *
 * It is not one of the article's datasets (no chart or figure uses it), but it is read with the
 * same reader and checks, so a hand-edited log that is wrong stops `npm run data` with the file,
 * line, column and value.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { date, datetime, integer, text, type RowOf } from './columns.ts';
import type { DatasetSpec } from './datasets.ts';
import { loadDataset } from './load.ts';

const columns = {
  published_at: datetime(),
  data_through: date(),
  approved_by: text(),
  copy_changes: integer(),
  reviewed: text({ optional: true }),
};

export const updateLog: DatasetSpec<typeof columns> = {
  name: 'update-log',
  file: 'update-log.csv',
  columns,
  key: ['published_at'],
  allowEmpty: true,
  rules: [
    'One row per update an editor approved with `npm run update -- --publish-held`, written by that command.',
    '`reviewed`: the sentences marked for review that the update changed, as published, one per line.',
  ],
};

export type UpdateLogEntry = RowOf<typeof columns>;
export const UPDATE_LOG_HEADER = Object.keys(columns);

/** The log's rows, oldest first as written; none when the file does not exist yet. */
export async function readUpdateLog(dataDir: string): Promise<UpdateLogEntry[]> {
  if (!existsSync(join(dataDir, updateLog.file))) return [];
  const rows: UpdateLogEntry[] = [];
  await loadDataset(updateLog, dataDir, {}, (r) => rows.push(r));
  return rows;
}
