/**
 * The capture-quality gate: every capture of every rankings-page section gets a verdict (good,
 * set aside with reasons, or empty), judged by its content and never by a list of dates.
 *
 * The capture behind these files assigned page panels to section names by position, so on some
 * days a section holds another panel. Four checks, on what the capture holds:
 *  (a) scale: the section's summed figure against the section's own history (the median of
 *      log10 totals, which the wrong panels cannot move while they are a minority);
 *  (b) continuity: a week-to-date counter cannot fall and then recover above where it was, nor
 *      rise and fall back, within a few days (a reset only ever brings it down to stay);
 *  (c) composition: the entries listed against the nearest good captures either side (a panel
 *      of other models shares few of them with both sides; three are compared per side, so a
 *      wrong panel that repeats for a day or two is still found, and a real change of the list,
 *      which agrees with one side, is not);
 *  (d) duplication: a section whose figures repeat another section of the same capture.
 * Checks (b) and (c) compare with good captures only, so they are repeated until no verdict
 * changes.
 */
import { bisector, extent, median } from 'd3-array';
import { CAPTURE_SECTIONS, SECTION_SPECS, type CaptureSection } from './sections.ts';

/** A capture whose total is further than this from the section's median (in decades) is set aside. */
export const SCALE_TOLERANCE_DECADES = 2;
/** A capture sharing fewer than this fraction of its entries with every nearby good capture is set aside. */
export const COMPOSITION_MIN_SHARED = 0.5;
/** Lists shorter than this say too little about which panel they are (the page lists 9 to 30). */
export const COMPOSITION_MIN_ENTRIES = 5;
/** Good captures further away than this (days) are not compared for composition. */
export const COMPOSITION_WINDOW_DAYS = 8;
/**
 * Continuity compares a capture with good captures either side no more than this far apart
 * (hours). Within 3.5 days a reset between them leaves the later capture with far fewer days
 * counted than the earlier one, so it cannot end above it; a fall then recovery is a glitch.
 */
export const CONTINUITY_SPAN_HOURS = 84;

export interface CaptureSample {
  section: CaptureSection;
  snapshot_date: string;
  fetched_at_utc: string;
  /** Entry ids (model ids, authors, app names) and their figures, in rank order. */
  ids: readonly string[];
  values: readonly number[];
}

/** One raw snapshot file as data/captures/files.csv lists it. */
export interface CaptureFileEntry {
  snapshot_date: string;
  fetched_at_utc: string;
  /** Rows written per section. */
  rows: Record<CaptureSection, number>;
  /** Sections the import could not write, as "section: reason" items. */
  not_written: string[];
}

export type VerdictKind = 'good' | 'set-aside' | 'empty';

export interface CaptureVerdict {
  section: CaptureSection;
  snapshot_date: string;
  fetched_at_utc: string;
  verdict: VerdictKind;
  /** Why a capture was set aside (or is empty), readable on its own. */
  reasons: string[];
  rows: number;
  /** Sum of the section's figures; null when the capture holds no rows. */
  total: number | null;
}

/** 2.3e12-style: two significant digits. */
export const sci = (x: number): string => (x === 0 ? '0' : x.toExponential(1).replace('e+', 'e'));

interface Judged {
  sample: CaptureSample;
  /** fetched_at_utc in ms. */
  time: number;
  total: number;
  log: number;
  /** Distinct entry ids (a capture holds 9 to 50). */
  ids: ReadonlySet<string>;
  reasons: string[];
  /** Set aside by (a), (c) or (b) so far (duplication is settled last). */
  out: boolean;
  /** Set aside for its composition: how many of the nearest captures it agreed with. */
  agreement?: { agree: number; compared: number };
}

/** Hours from a to b (whole hours, as the reasons print them). */
const hoursBetween = (a: Judged, b: Judged) => Math.round((b.time - a.time) / 3.6e6);
const dayOf = (c: Judged) => c.sample.snapshot_date;

/**
 * Judges every capture; `files` adds the verdicts of empty and unwritten sections. In named
 * steps: (a) scale, (c) composition and (b) continuity, (d) duplication; each step sets aside
 * captures (out) with reasons, and later steps see only the captures still standing.
 */
export function judgeCaptures(
  samples: readonly CaptureSample[],
  files: readonly CaptureFileEntry[] = [],
): CaptureVerdict[] {
  const bySection = groupBySection(samples);
  judgeScale(bySection);
  judgePanels(bySection);
  judgeDuplication(bySection);
  return inOrder([...capturedVerdicts(bySection), ...missingVerdicts(samples, files)]);
}

type BySection = Map<CaptureSection, Judged[]>;

/** The samples as captures under judgement, by section, in time order. */
function groupBySection(samples: readonly CaptureSample[]): BySection {
  const bySection = new Map<CaptureSection, Judged[]>();
  for (const s of samples) {
    const total = s.values.reduce((a, v) => a + v, 0);
    const ids = new Set(s.ids);
    const cap: Judged = {
      sample: s,
      time: Date.parse(s.fetched_at_utc),
      total,
      log: total > 0 ? Math.log10(total) : Number.NaN,
      ids,
      reasons: [],
      out: false,
    };
    const list = bySection.get(s.section) ?? [];
    list.push(cap);
    bySection.set(s.section, list);
  }
  for (const caps of bySection.values()) caps.sort((a, b) => a.time - b.time);
  return bySection;
}

/** (a) Scale, against each section's own history: captures with no figures, or figures far
 *  from the section's median (in decades), are set aside. */
function judgeScale(bySection: BySection): void {
  const usual = new Map<CaptureSection, [number, number] | undefined>();
  const mids = new Map<CaptureSection, number>();
  for (const [section, caps] of bySection) {
    const spec = SECTION_SPECS[section];
    for (const c of caps) {
      if (!(c.total > 0) || c.sample.values.some((v) => !Number.isFinite(v))) {
        c.reasons.push(
          `${section} on ${dayOf(c)}: holds ${c.sample.values.length} rows but no figures (${spec.values} sum to ${sci(c.total)})`,
        );
        c.out = true;
      }
    }
    const mid = median(
      caps.filter((c) => !c.out),
      (c) => c.log,
    );
    if (mid === undefined) continue;
    mids.set(section, mid);
    const inScale = caps.filter((c) => !c.out && Math.abs(c.log - mid) <= SCALE_TOLERANCE_DECADES);
    const range = extent(inScale, (c) => c.total) as [number, number] | [undefined, undefined];
    usual.set(section, range[0] === undefined ? undefined : (range as [number, number]));
    for (const c of caps)
      if (!c.out && Math.abs(c.log - mid) > SCALE_TOLERANCE_DECADES) c.out = true;
  }
  for (const [section, caps] of bySection) {
    const spec = SECTION_SPECS[section];
    const range = usual.get(section);
    const runs = range
      ? `this section's captures run ${sci(range[0])}..${sci(range[1])}`
      : "this section's usual scale";
    const mid = mids.get(section)!;
    for (const c of caps) {
      if (c.reasons.length > 0 || !c.out) continue;
      // A non-token section on the scale of a token section holds token counts.
      const tokenLike =
        !spec.tokens &&
        [...usual].some(
          ([o, r]) =>
            o !== section &&
            SECTION_SPECS[o].tokens &&
            r &&
            c.total >= r[0] / 3 &&
            c.total <= r[1] * 3,
        );
      const decades = Math.abs(c.log - mid).toFixed(1);
      c.reasons.push(
        tokenLike
          ? `${section} on ${dayOf(c)}: values are token counts (${sci(c.total)}), not ${spec.values} (${runs})`
          : `${section} on ${dayOf(c)}: values sum to ${sci(c.total)}, ${decades} decades ${c.log > mid ? 'above' : 'below'} the ${spec.values} of this section (${runs.replace("this section's captures", 'its captures')})`,
      );
    }
  }
}

/** (c) Composition and (b) continuity. */
function judgePanels(bySection: BySection): void {
  // (c) composition and (b) continuity, against the captures still standing, one capture at a
  // time (a wrong panel next to another wrong panel must not drag a good capture down with it).
  for (const [section, caps] of bySection) {
    const spec = SECTION_SPECS[section];
    const standing = new Standing(caps);
    for (let changed = true; changed;) {
      changed = compositionPass(standing) > 0;
      if (spec.weekToDate && continuityPass(section, standing) > 0) changed = true;
    }
    // Reasons against the final good captures; set-aside captures of another panel say so too.
    const good = caps.filter((c) => !c.out);
    const typical = typicalShared(good);
    for (const c of caps) {
      if (!c.out) continue;
      const r = compositionReason(section, c, good, typical);
      if (r) c.reasons.push(r);
      else if (c.agreement) {
        c.reasons.push(
          `${section} on ${dayOf(c)}: shares at least half of its ${c.ids.size} entries with only ${c.agreement.agree} of the ${c.agreement.compared} nearest captures: another panel`,
        );
      }
    }
  }
}

/** (d) Duplication. */
function judgeDuplication(bySection: BySection): void {
  // (d) duplication within a capture: the section that fails the other checks is the wrong one;
  // when neither does, neither can be trusted.
  const byTime = new Map<string, Judged[]>();
  for (const caps of bySection.values())
    for (const c of caps)
      byTime.set(c.sample.fetched_at_utc, [...(byTime.get(c.sample.fetched_at_utc) ?? []), c]);
  for (const group of byTime.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const a = group[i]!;
        const b = group[j]!;
        if (!duplicates(a, b)) continue;
        const sameIds =
          SECTION_SPECS[a.sample.section].idColumn === SECTION_SPECS[b.sample.section].idColumn;
        const what = sameIds ? 'entries and figures' : 'figures';
        const blame = a.out === b.out ? [a, b] : a.out ? [a] : [b];
        for (const c of blame) {
          const other = c === a ? b : a;
          c.reasons.push(
            `${c.sample.section} on ${dayOf(c)}: its ${what} repeat the ${other.sample.section} section of the same capture${blame.length === 2 ? ' (one panel under two names; neither can be trusted)' : ''}`,
          );
          c.out = true;
        }
      }
    }
  }
}

/** A verdict for every capture judged. */
function capturedVerdicts(bySection: BySection): CaptureVerdict[] {
  const verdicts: CaptureVerdict[] = [];
  for (const caps of bySection.values()) {
    for (const c of caps) {
      verdicts.push({
        section: c.sample.section,
        snapshot_date: c.sample.snapshot_date,
        fetched_at_utc: c.sample.fetched_at_utc,
        verdict: c.out ? 'set-aside' : 'good',
        reasons: c.reasons,
        rows: c.sample.values.length,
        total: c.total,
      });
    }
  }
  return verdicts;
}

/** Verdicts for the sections a capture file holds no rows for. */
function missingVerdicts(
  samples: readonly CaptureSample[],
  files: readonly CaptureFileEntry[],
): CaptureVerdict[] {
  const verdicts: CaptureVerdict[] = [];
  // Sections a capture file holds no rows for: empty, or not written by the import.
  const have = new Set(samples.map((s) => `${s.section}|${s.fetched_at_utc}`));
  for (const f of files) {
    for (const section of CAPTURE_SECTIONS) {
      if (have.has(`${section}|${f.fetched_at_utc}`) || f.rows[section] > 0) continue;
      const unwritten = f.not_written.find((n) => n.startsWith(`${section}:`));
      const whole = CAPTURE_SECTIONS.every((s) => f.rows[s] === 0);
      verdicts.push({
        section,
        snapshot_date: f.snapshot_date,
        fetched_at_utc: f.fetched_at_utc,
        verdict: unwritten ? 'set-aside' : 'empty',
        reasons: [
          unwritten
            ? `${section} on ${f.snapshot_date}: not written by the import (${unwritten.slice(section.length + 1).trim()})`
            : `${section} on ${f.snapshot_date}: ${whole ? 'the whole capture is empty (the page changed and the capture broke)' : 'the capture holds no rows for this section'}`,
        ],
        rows: 0,
        total: null,
      });
    }
  }
  return verdicts;
}

/** Verdicts by section (in CAPTURE_SECTIONS order), then by capture time. */
function inOrder(verdicts: CaptureVerdict[]): CaptureVerdict[] {
  const key = new Map(
    verdicts.map((v) => [
      v,
      [CAPTURE_SECTIONS.indexOf(v.section), Date.parse(v.fetched_at_utc)] as const,
    ]),
  );
  return verdicts.sort(
    (a, b) => key.get(a)![0] - key.get(b)![0] || key.get(a)![1] - key.get(b)![1],
  );
}

/** How many entries two captures share. */
function shared(a: Judged, b: Judged): number {
  let n = 0;
  for (const id of a.ids) if (b.ids.has(id)) n++;
  return n;
}

/** The median number of entries consecutive good captures share (for reasons). */
function typicalShared(good: readonly Judged[]): number | undefined {
  return median(good.slice(1), (c, i) => shared(good[i]!, c));
}

const byTime = bisector((c: Judged) => c.time);

/** The nearest good captures before and after c (by time), within `hours` of it. */
function neighbours(
  c: Judged,
  good: readonly Judged[],
  hours: number,
): { before?: Judged; after?: Judged } {
  const i = byTime.left(good, c.time);
  const before = good[i - 1];
  let j = i;
  while (good[j] && good[j]!.time <= c.time) j++;
  const after = good[j];
  const near = (g: Judged | undefined) =>
    g && Math.abs(hoursBetween(c, g)) <= hours ? g : undefined;
  return { before: near(before), after: near(after) };
}

/** Whether c shares fewer than half its entries with each of its nearest good captures. */
function fewInCommon(c: Judged, good: readonly Judged[]): Judged[] | undefined {
  if (c.ids.size < COMPOSITION_MIN_ENTRIES) return undefined;
  const { before, after } = neighbours(c, good, COMPOSITION_WINDOW_DAYS * 24);
  const near = [before, after].filter((x): x is Judged => x !== undefined);
  if (near.length === 0) return undefined;
  return near.every((n) => shared(c, n) < COMPOSITION_MIN_SHARED * Math.min(c.ids.size, n.ids.size))
    ? near
    : undefined;
}

/** How many nearby captures to compare on each side (a wrong panel can repeat a day or two). */
export const COMPOSITION_NEIGHBOURS = 3;

/**
 * The captures of a section still standing, in time order, as a linked list: setting one
 * aside is O(1) and only its neighbours' checks change, so the gate stays O(n log n) on a
 * million-row capture file.
 */
class Standing {
  readonly caps: readonly Judged[];
  readonly prev: Int32Array;
  readonly next: Int32Array;
  constructor(caps: readonly Judged[]) {
    this.caps = caps;
    const n = caps.length;
    this.prev = new Int32Array(n);
    this.next = new Int32Array(n);
    let last = -1;
    for (let i = 0; i < n; i++) {
      this.prev[i] = last;
      this.next[i] = -1;
      if (caps[i]!.out) continue;
      if (last >= 0) this.next[last] = i;
      last = i;
    }
    // Captures already out point at their standing neighbours but are skipped by indices().
    for (let i = n - 1, nxt = -1; i >= 0; i--) {
      if (caps[i]!.out) this.next[i] = nxt;
      else nxt = i;
    }
  }
  /** Indices of standing captures. */
  indices(): number[] {
    return this.caps.flatMap((c, i) => (c.out ? [] : [i]));
  }
  /** Up to `k` standing captures on one side of i (step -1 or 1), nearest first. */
  side(i: number, step: -1 | 1, k: number): number[] {
    const out: number[] = [];
    for (
      let j = step < 0 ? this.prev[i]! : this.next[i]!;
      j >= 0 && out.length < k;
      j = step < 0 ? this.prev[j]! : this.next[j]!
    )
      out.push(j);
    return out;
  }
  remove(i: number): void {
    const c = this.caps[i]!;
    c.out = true;
    const p = this.prev[i]!;
    const n = this.next[i]!;
    if (p >= 0) this.next[p] = n;
    if (n >= 0) this.prev[n] = p;
  }
}

/** A binary min-heap of [key, index, version] entries; stale versions are skipped on pop. */
class Queue {
  private readonly items: Array<[number, number, number]> = [];
  push(item: [number, number, number]): void {
    const a = this.items;
    a.push(item);
    for (let i = a.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (a[p]![0] <= a[i]![0]) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  pop(): [number, number, number] | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]![0] < a[m]![0]) m = l;
        if (r < a.length && a[r]![0] < a[m]![0]) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}

/**
 * On each side, how many of the nearest standing captures (up to COMPOSITION_NEIGHBOURS, within
 * the window) share at least half of c's entries, out of how many were compared.
 */
interface Agreement {
  agree: number;
  compared: number;
  /** 1 when the nearest capture on this side agrees, else 0. */
  first: number;
}

function agreement(standing: Standing, i: number): Agreement[] {
  const c = standing.caps[i]!;
  const window = COMPOSITION_WINDOW_DAYS * 864e5;
  return [standing.prev, standing.next].map((links) => {
    let agree = 0;
    let compared = 0;
    let first = 0;
    for (let j = links[i]!, k = 0; j >= 0 && k < COMPOSITION_NEIGHBOURS; j = links[j]!, k++) {
      const g = standing.caps[j]!;
      if (Math.abs(g.time - c.time) > window) break;
      compared++;
      if (shared(c, g) >= COMPOSITION_MIN_SHARED * Math.min(c.ids.size, g.ids.size)) {
        agree++;
        if (k === 0) first = 1;
      }
    }
    return { agree, compared, first };
  });
}

/**
 * Sets aside, one at a time and worst first, every standing capture that shares at least half
 * its entries with fewer than half of the nearest standing captures on each side (three per
 * side). Looking three deep lets a wrong panel that repeats on two days be found; judging each
 * side apart keeps the captures on both sides of a real change of the list (each agrees with
 * its own side); taking the worst first (agreeing with neither immediate neighbour) keeps a
 * good capture beside a wrong panel.
 * Returns how many were set aside.
 */
function compositionPass(standing: Standing): number {
  const version = new Int32Array(standing.caps.length);
  const queue = new Queue();
  const score = (i: number) => {
    const c = standing.caps[i]!;
    if (c.out || c.ids.size < COMPOSITION_MIN_ENTRIES) return undefined;
    const [before, after] = agreement(standing, i) as [Agreement, Agreement];
    if (before.compared + after.compared < 2) return undefined;
    if (
      (before.compared > 0 && before.agree * 2 >= before.compared) ||
      (after.compared > 0 && after.agree * 2 >= after.compared)
    )
      return undefined;
    // Worst first: agreeing with neither immediate neighbour, then with few on either side.
    const immediate =
      (before.first + after.first) / ((before.compared > 0 ? 1 : 0) + (after.compared > 0 ? 1 : 0));
    const most = Math.max(
      before.compared > 0 ? before.agree / before.compared : 0,
      after.compared > 0 ? after.agree / after.compared : 0,
    );
    return immediate + most / 10;
  };
  const enqueue = (i: number) => {
    version[i]!++;
    const s = score(i);
    if (s !== undefined) queue.push([s, i, version[i]!]);
  };
  for (const i of standing.indices()) enqueue(i);
  let removed = 0;
  for (let e = queue.pop(); e; e = queue.pop()) {
    const [, i, v] = e;
    if (v !== version[i] || standing.caps[i]!.out) continue;
    const near = [
      ...standing.side(i, -1, COMPOSITION_NEIGHBOURS),
      ...standing.side(i, 1, COMPOSITION_NEIGHBOURS),
    ];
    const sides = agreement(standing, i);
    standing.caps[i]!.agreement = {
      agree: sides[0]!.agree + sides[1]!.agree,
      compared: sides[0]!.compared + sides[1]!.compared,
    };
    standing.remove(i);
    removed++;
    for (const j of near) enqueue(j);
  }
  return removed;
}

/**
 * Sets aside week-to-date glitches, one at a time: first falls that recover above the earlier
 * level (the deepest first), then jumps that fall back without a reset (the highest first).
 * One at a time, because the capture after a dip also looks like a jump next to the dip.
 * Returns how many were set aside.
 */
function continuityPass(section: CaptureSection, standing: Standing): number {
  const version = new Int32Array(standing.caps.length);
  const queue = new Queue();
  const triple = (i: number) => {
    const p = standing.prev[i]!;
    const n = standing.next[i]!;
    if (standing.caps[i]!.out || p < 0 || n < 0) return undefined;
    const [P, C, N] = [standing.caps[p]!, standing.caps[i]!, standing.caps[n]!];
    return hoursBetween(P, N) <= CONTINUITY_SPAN_HOURS ? { P, C, N } : undefined;
  };
  // Dips rank before jumps: keys below 1 are dips (C / P), keys from 2 up are jumps (2 + N / C).
  const key = (i: number) => {
    const t = triple(i);
    if (!t) return undefined;
    const { P, C, N } = t;
    if (C.total < P.total && N.total >= P.total) return C.total / P.total;
    if (C.total > P.total && N.total < C.total && N.total >= P.total) return 2 + N.total / C.total;
    return undefined;
  };
  const enqueue = (i: number) => {
    if (i < 0) return;
    version[i]!++;
    const k = key(i);
    if (k !== undefined) queue.push([k, i, version[i]!]);
  };
  for (const i of standing.indices()) enqueue(i);
  let removed = 0;
  for (let e = queue.pop(); e; e = queue.pop()) {
    const [k, i, v] = e;
    if (v !== version[i] || standing.caps[i]!.out) continue;
    const { P, C, N } = triple(i)!;
    const span = `${dayOf(P)} ${sci(P.total)}, ${dayOf(C)} ${sci(C.total)}, ${dayOf(N)} ${sci(N.total)}`;
    C.reasons.push(
      k < 1
        ? `${section} on ${dayOf(C)}: the week-to-date total falls and recovers above its earlier level within ${hoursBetween(P, N)} hours (${span}); a weekly counter only falls at its reset, and then stays down`
        : `${section} on ${dayOf(C)}: the week-to-date total jumps and falls back without a reset within ${hoursBetween(P, N)} hours (${span}); a weekly counter only falls at its reset`,
    );
    const p = standing.prev[i]!;
    const n = standing.next[i]!;
    standing.remove(i);
    removed++;
    enqueue(p);
    enqueue(n);
  }
  return removed;
}

function compositionReason(
  section: CaptureSection,
  c: Judged,
  good: readonly Judged[],
  typical: number | undefined,
): string | undefined {
  const near = fewInCommon(c, good);
  if (!near) return undefined;
  const parts = near.map((n, i) =>
    i === 0
      ? `${shared(c, n)} of its ${c.ids.size} entries with ${dayOf(n)}`
      : `${shared(c, n)} with ${dayOf(n)}`,
  );
  const usual =
    typical === undefined
      ? ''
      : ` (consecutive good captures of this section share a median of ${typical})`;
  return `${section} on ${dayOf(c)}: shares only ${parts.join(' and ')}, the nearest good captures${near.length === 1 ? ' (on one side only)' : ' either side'}${usual}: another panel`;
}

function duplicates(a: Judged, b: Judged): boolean {
  const va = a.sample.values;
  const vb = b.sample.values;
  if (va.length < 3 || va.length !== vb.length || !va.every((v, k) => v === vb[k])) return false;
  const sameIds =
    SECTION_SPECS[a.sample.section].idColumn === SECTION_SPECS[b.sample.section].idColumn;
  return !sameIds || a.sample.ids.every((id, k) => id === b.sample.ids[k]);
}
