/**
 * A time axis that gives room where there is something to show: calendar years with fewer
 * than two events and no usage data are compressed to a fixed, small length; the other
 * years share the rest in proportion to their days. Every change of scale is a break the
 * charts draw as such. Everything comes from the dates passed in, never from fixed years.
 * Pure: positions in px along one axis (left to right, or top to bottom).
 */

export interface AxisSegment {
  /** First and last instant covered (ms since the epoch, UTC). */
  t0: number;
  t1: number;
  /** Where the segment starts and ends along the axis (px). */
  p0: number;
  p1: number;
  compressed: boolean;
  /** Calendar years in the segment (first and last). */
  y0: number;
  y1: number;
}

export interface TimeAxis {
  /** Position (px) of a date (ISO string, Date or ms). Dates outside the domain are clamped. */
  at: (d: string | Date | number) => number;
  segments: AxisSegment[];
  /** 1 January of every year in the domain, with its position and whether it is compressed. */
  years: Array<{ year: number; p: number; compressed: boolean }>;
  /** Positions (px) of the breaks between segments (the middle of the gap). */
  breaks: number[];
  /** Total length used (px), from the start position. */
  end: number;
  /** The domain (ms): 1 January of the first year to the end of the last month shown. */
  domain: [number, number];
}

export interface TimeAxisOptions {
  /** Dates of the events (ISO). */
  events: readonly string[];
  /** Spans that must stay at full scale (e.g. the usage data), ISO [from, to]. */
  keep: ReadonlyArray<readonly [string, string]>;
  /** Start position (px). */
  start: number;
  /** Length (px) of each compressed year. */
  compressedYear: number;
  /** Gap (px) left at each break. */
  gap: number;
  /** Length (px) of everything at full scale together: a number, or a function of the number
   *  of events and of days at full scale and of the length the compressed years and the gaps
   *  take (for a layout that grows with the data, or one that fills a given length). */
  full: number | ((fullEvents: number, fullDays: number, fixedLength: number) => number);
  /** A year with fewer events than this (and no kept span) is compressed. Default 2. */
  minEvents?: number;
}

const ms = (d: string | Date | number): number =>
  typeof d === 'number'
    ? d
    : d instanceof Date
      ? d.getTime()
      : Date.parse(d.length > 10 ? d : `${d}T00:00:00Z`);
const jan1 = (y: number) => Date.UTC(y, 0, 1);
const yearOf = (t: number) => new Date(t).getUTCFullYear();

/** The first day of the month after a date (the domain's end). */
function nextMonth(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/**
 * Named steps: the years grouped into runs of one treatment, the scale of the full-size runs,
 * then the segments laid out one after another with a gap at each break.
 */
export function timeAxis(o: TimeAxisOptions): TimeAxis {
  const times = [...o.events.map(ms), ...o.keep.flat().map(ms)];
  if (times.length === 0) throw new Error('timeAxis: no dates');
  const first = Math.min(...times);
  const last = Math.max(...times);
  const y0 = yearOf(first);
  const y1 = yearOf(last);
  const domain: [number, number] = [jan1(y0), nextMonth(last)];
  const runs = yearRuns(o, y0, y1);
  const spanOf = (r: YearRun): [number, number] => [
    jan1(r.y0),
    Math.min(jan1(r.y1 + 1), domain[1]),
  ];
  const perDay = fullScale(o, runs, spanOf);
  const { segments, breaks, end } = layOut(o, runs, spanOf, perDay);
  const at = (d: string | Date | number): number => {
    const t = Math.min(Math.max(ms(d), domain[0]), domain[1]);
    const s = segments.find((g) => t >= g.t0 && t < g.t1) ?? segments[segments.length - 1]!;
    return s.p0 + ((t - s.t0) / (s.t1 - s.t0 || 1)) * (s.p1 - s.p0);
  };
  const years = [];
  for (let y = y0; y <= y1; y++)
    years.push({
      year: y,
      p: at(jan1(y)),
      compressed: segments.find((s) => y >= s.y0 && y <= s.y1)!.compressed,
    });
  return { at, segments, years, breaks, end, domain };
}

interface YearRun {
  y0: number;
  y1: number;
  compressed: boolean;
}

/** Runs of years with the same treatment (compressed: too few events and no kept span). */
function yearRuns(o: TimeAxisOptions, y0: number, y1: number): YearRun[] {
  const minEvents = o.minEvents ?? 2;
  const kept = o.keep.map(([a, b]) => [ms(a), ms(b)] as const);
  const compressedYear = (y: number) => {
    const a = jan1(y);
    const b = jan1(y + 1);
    const n = o.events.filter((e) => yearOf(ms(e)) === y).length;
    const touchesKept = kept.some(([k0, k1]) => k0 < b && k1 >= a);
    return n < minEvents && !touchesKept;
  };
  const runs: YearRun[] = [];
  for (let y = y0; y <= y1; y++) {
    const c = compressedYear(y);
    const prev = runs[runs.length - 1];
    if (prev && prev.compressed === c) prev.y1 = y;
    else runs.push({ y0: y, y1: y, compressed: c });
  }
  return runs;
}

/** Pixels per day at full scale: o.full shared by the days of the full-size runs. */
function fullScale(
  o: TimeAxisOptions,
  runs: readonly YearRun[],
  spanOf: (r: YearRun) => [number, number],
): number {
  const fullRuns = runs.filter((r) => !r.compressed);
  const fullDays = fullRuns.reduce((s, r) => s + (spanOf(r)[1] - spanOf(r)[0]) / 864e5, 0);
  const fullEvents = o.events.filter((e) =>
    fullRuns.some((r) => {
      const [a, b] = spanOf(r);
      const t = ms(e);
      return t >= a && t < b;
    }),
  ).length;
  const fixedLength =
    runs.reduce((s, r) => s + (r.compressed ? o.compressedYear * (r.y1 - r.y0 + 1) : 0), 0) +
    o.gap * (runs.length - 1);
  const fullLength = Math.max(
    0,
    typeof o.full === 'number' ? o.full : o.full(fullEvents, fullDays, fixedLength),
  );
  return fullDays > 0 ? fullLength / fullDays : 0;
}

/** The runs as segments along the axis from o.start, a gap (and a break) between two. */
function layOut(
  o: TimeAxisOptions,
  runs: readonly YearRun[],
  spanOf: (r: YearRun) => [number, number],
  perDay: number,
): { segments: AxisSegment[]; breaks: number[]; end: number } {
  const segments: AxisSegment[] = [];
  const breaks: number[] = [];
  let p = o.start;
  runs.forEach((r, i) => {
    if (i > 0) {
      breaks.push(p + o.gap / 2);
      p += o.gap;
    }
    const [t0, t1] = spanOf(r);
    const len = r.compressed ? o.compressedYear * (r.y1 - r.y0 + 1) : ((t1 - t0) / 864e5) * perDay;
    segments.push({ t0, t1, p0: p, p1: p + len, compressed: r.compressed, y0: r.y0, y1: r.y1 });
    p += len;
  });
  return { segments, breaks, end: p };
}

/** Compressed segments as text: "2022–2024" (or "2023"). */
export const segmentYears = (s: AxisSegment): string =>
  s.y0 === s.y1 ? String(s.y0) : `${s.y0}–${s.y1}`;
