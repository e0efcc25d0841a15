/**
 * OpenRouter rankings-page snapshots: one JSON file per capture of https://openrouter.ai/rankings,
 * with the capture time in meta.fetched_at and one array per page section.
 */

/** Every section a snapshot may hold (the page's panels, as the capture named them). */
export const SNAPSHOT_SECTIONS = [
  'models', 'categories_programming', 'languages_english', 'programming_python', 'context_length',
  'tool_calls', 'images', 'market_share', 'benchmarks', 'fastest', 'apps',
] as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a parsed JSON value looks like a rankings-page snapshot (before any field check). */
export function looksLikeSnapshot(v: unknown): boolean {
  if (!isObject(v) || 'data' in v) return false;
  const meta = isObject(v.meta) ? v.meta : undefined;
  return (meta !== undefined && ('fetched_at' in meta || 'source_url' in meta)) || SNAPSHOT_SECTIONS.some((s) => Array.isArray(v[s]));
}
