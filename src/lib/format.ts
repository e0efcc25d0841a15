/**
 * The house formatter: every number, date and unit on the site (copy, chart labels, tooltips,
 * tables, descriptions, downloads' captions) goes through these functions, so a figure reads
 * the same wherever it appears. Pure and locale-pinned (en-US) so builds are reproducible.
 */

/** Shown wherever a value is unknown. */
export const MISSING = '–';

const fixed = (digits: number) =>
  new Intl.NumberFormat('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    useGrouping: true,
  });
const sig3 = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3, useGrouping: true });
const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0, useGrouping: true });

const SCALES = [
  { at: 1e12, long: 'trillion', short: 'T' },
  { at: 1e9, long: 'billion', short: 'B' },
  { at: 1e6, long: 'million', short: 'M' },
  { at: 1e3, long: 'thousand', short: 'K' },
] as const;

export type Style = 'long' | 'short';

/** A large count to three significant digits with its scale word: 4.69 trillion / 4.69T. */
export function formatScaled(n: number | null, style: Style = 'short'): string {
  if (n === null || !Number.isFinite(n)) return MISSING;
  const abs = Math.abs(n);
  const i = SCALES.findIndex((s) => abs >= s.at);
  // Rounding can carry into the next scale: 999.6 billion reads "1 trillion", not "1,000 billion",
  // and 999.6 reads "1K", not "1,000". (i < 0: below a thousand, no scale word.)
  const carry =
    i !== 0 && Number(sig3.format(i < 0 ? abs : abs / SCALES[i]!.at).replaceAll(',', '')) >= 1000;
  if (i < 0 && !carry) return sig3.format(n);
  const s = SCALES[carry ? (i < 0 ? SCALES.length : i) - 1 : i]!;
  const body = sig3.format(n / s.at);
  return style === 'long' ? `${body} ${s.long}` : `${body}${s.short}`;
}

/** Tokens: "4.69 trillion tokens" (long) or "4.69T" (short). */
export function formatTokens(n: number | null, style: Style = 'short'): string {
  if (n === null) return MISSING;
  return style === 'long' ? `${formatScaled(n, 'long')} tokens` : formatScaled(n, 'short');
}

/** A whole count with thousands separators: 13,620,750. */
export function formatCount(n: number | null): string {
  return n === null || !Number.isFinite(n) ? MISSING : grouped.format(Math.round(n));
}

/** A percentage stored as 0-100: "58.7%". */
export function formatPercent(x: number | null, digits = 1): string {
  return x === null || !Number.isFinite(x) ? MISSING : `${fixed(digits).format(x)}%`;
}

/** A signed percentage change: "+11.8%", "−9.3%" (true minus sign). */
export function formatChange(x: number | null, digits = 1): string {
  if (x === null || !Number.isFinite(x)) return MISSING;
  const body = fixed(digits).format(Math.abs(x));
  const zero = Number(body) === 0;
  return `${zero ? '±' : x > 0 ? '+' : '−'}${body}%`;
}

/** U.S. dollars: "$0.30", "$25.00"; amounts under a cent keep three decimals ("$0.028"). */
export function formatUsd(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return MISSING;
  const digits = x !== 0 && Math.abs(x) < 0.1 ? 3 : 2;
  return `${x < 0 ? '−' : ''}$${fixed(digits).format(Math.abs(x))}`;
}

/** A price per million tokens: "$0.30 per million tokens" or, short, "$0.30/M"; 0 reads "free". */
export function formatPrice(x: number | null, style: Style = 'short'): string {
  if (x === 0) return 'free';
  const usd = formatUsd(x);
  if (usd === MISSING) return MISSING;
  return style === 'long' ? `${usd} per million tokens` : `${usd}/M`;
}

/** A multiple: "16.7×" (one decimal under 100, whole above). */
export function formatMultiple(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return MISSING;
  return x >= 100 ? `${grouped.format(Math.round(x))}×` : `${fixed(1).format(x)}×`;
}

/** Month names as the house style writes them (also the story's period words). */
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function parts(iso: string): [number, string, number] {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  return [d, MONTHS[m - 1] ?? '?', y];
}

/** A date: "15 March 2026"; short drops the year ("15 March"). Reads the ISO string directly,
 *  so no time zone can move it a day. */
export function formatDate(iso: string | null, style: Style = 'long'): string {
  if (!iso) return MISSING;
  const [d, m, y] = parts(iso);
  return style === 'long' ? `${d} ${m} ${y}` : `${d} ${m}`;
}

/** A month: "March 2026". */
export function formatMonth(iso: string): string {
  const [, m, y] = parts(iso);
  return `${m} ${y}`;
}

/** A week: "9–15 March 2026", "23 February – 1 March 2026", "29 December 2025 – 4 January 2026". */
export function formatWeek(start: string | null, end: string): string {
  if (!start) return `week to ${formatDate(end)}`;
  const [d1, m1, y1] = parts(start);
  const [d2, m2, y2] = parts(end);
  if (y1 !== y2) return `${d1} ${m1} ${y1} – ${d2} ${m2} ${y2}`;
  if (m1 !== m2) return `${d1} ${m1} – ${d2} ${m2} ${y2}`;
  return `${d1}–${d2} ${m2} ${y2}`;
}

const ORDINALS = [
  'zeroth',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
];
const WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
];

/** "second" for 2; "11th" past ten. */
export function formatOrdinal(n: number): string {
  if (n >= 0 && n < ORDINALS.length) return ORDINALS[n]!;
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}

/** Small whole numbers as words in copy ("two weeks"), figures past ten. */
export function formatSmall(n: number): string {
  return n >= 0 && n < WORDS.length && Number.isInteger(n) ? WORDS[n]! : formatCount(n);
}

/**
 * An approximate percentage for prose: 58.7 -> "nearly 59%", 56.1 -> "just over 56%",
 * 54.0 -> "54%". Within 0.05 of a whole number it is that number.
 */
export function formatApproxPercent(x: number): string {
  const whole = Math.round(x);
  const diff = x - whole;
  if (Math.abs(diff) < 0.05) return `${whole}%`;
  return diff < 0 ? `nearly ${whole}%` : `just over ${whole}%`;
}

/**
 * A machine-written sentence (the capture-quality gate's reasons, written for the terminal) in
 * a reader's words: ISO days as "31 March 2026" (short: "31 March", where the year is said nearby), numbers in e-notation as "1.9 trillion", a range
 * "a..b" as "a to b", and "decades" as "orders of magnitude". Readers never see an ISO date or
 * e-notation (issue 24); the terminal and the data files keep them.
 */
export function readerWords(text: string, dates: Style = 'long'): string {
  const sci = String.raw`\d+(?:\.\d+)?e[+-]?\d+`;
  return (
    text
      .replace(new RegExp(`\\b(${sci})\\.\\.(${sci})\\b`, 'g'), '$1 to $2')
      .replace(new RegExp(`\\b${sci}\\b`, 'g'), (n) => formatScaled(Number(n), 'long'))
      // Not inside an id such as htx-odaily-2026-03-07.
      .replace(/(?<![\w-])(\d{4}-\d{2}-\d{2})(?:T[\d:.]+Z?)?\b/g, (iso) => formatDate(iso, dates))
      .replace(/\bdecades\b/g, 'orders of magnitude')
  );
}
