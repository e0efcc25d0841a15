/**
 * Source ids (rows of data/sources.csv) that code names, defined once. Most source ids travel
 * with the rows that cite them; these are cited by derived series, charts and copy, which have
 * no row of their own to carry one.
 */

/** The daily captures of OpenRouter's rankings page (data/<date>/rankings.json). */
export const CAPTURE_SOURCE = 'or-rankings-captures';
