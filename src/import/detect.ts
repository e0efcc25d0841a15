/**
 * Which raw format a file holds, decided by its content (never its name or folder).
 */
import { looksLikeApiResponse } from './data-api.ts';
import { looksLikeSnapshot } from './snapshot.ts';

export type Format = 'rankings-page-snapshot' | 'data-api-rankings-daily';

export const FORMAT_LABEL: Record<Format, string> = {
  'rankings-page-snapshot': 'OpenRouter rankings-page snapshot',
  'data-api-rankings-daily': 'OpenRouter Data API rankings-daily response',
};

export const KNOWN_FORMATS =
  'an OpenRouter rankings-page snapshot (meta.fetched_at and sections such as models, market_share, tool_calls) ' +
  'or an OpenRouter Data API rankings-daily response (data: rows of date, model_permaslug, total_tokens; meta.as_of)';

/** The format of a parsed JSON value, or undefined when it is neither (or looks like both). */
export function detectFormat(v: unknown): Format | undefined {
  const api = looksLikeApiResponse(v);
  const snap = looksLikeSnapshot(v);
  if (api === snap) return undefined;
  return api ? 'data-api-rankings-daily' : 'rankings-page-snapshot';
}
