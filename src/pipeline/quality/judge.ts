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
 *      of other models shares few of them);
 *  (d) duplication: a section whose figures repeat another section of the same capture.
 * Checks (b) and (c) compare with good captures only, so they are repeated until no verdict
 * changes.
 */
import { extent, median } from 'd3-array';
import { utcHour } from 'd3-time';
import { CAPTURE_SECTIONS, SECTION_SPECS, type CaptureSection } from './sections.ts';

/** A capture whose total is further than this from the section's median (in decades) is set aside. */
export const SCALE_TOLERANCE_DECADES = 2;
/** A capture sharing fewer than this fraction of its entries with every nearby good capture is set aside. */
export const COMPOSITION_MIN_SHARED = 0.5;
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

interface Cap {
  s: CaptureSample;
  t: number;
  total: number;
  log: number;
  ids: Set<string>;
  reasons: string[];
  /** Set aside by (a), (c) or (b) so far (duplication is settled last). */
  out: boolean;
}

const hoursBetween = (a: Cap, b: Cap) => utcHour.count(new Date(a.t), new Date(b.t));
const dayOf = (c: Cap) => c.s.snapshot_date;

/** Judges every capture; `files` adds the verdicts of empty and unwritten sections. */
export function judgeCaptures(samples: readonly CaptureSample[], files: readonly CaptureFileEntry[] = []): CaptureVerdict[] {
  const bySection = new Map<CaptureSection, Cap[]>();
  for (const s of samples) {
    const total = s.values.reduce((a, v) => a + v, 0);
    const cap: Cap = { s, t: Date.parse(s.fetched_at_utc), total, log: total > 0 ? Math.log10(total) : Number.NaN, ids: new Set(s.ids), reasons: [], out: false };
    const list = bySection.get(s.section) ?? [];
    list.push(cap);
    bySection.set(s.section, list);
  }
  for (const caps of bySection.values()) caps.sort((a, b) => a.t - b.t);

  // (a) scale, against each section's own history.
  const usual = new Map<CaptureSection, [number, number] | undefined>();
  const mids = new Map<CaptureSection, number>();
  for (const [section, caps] of bySection) {
    const spec = SECTION_SPECS[section];
    for (const c of caps) {
      if (!(c.total > 0) || c.s.values.some((v) => !Number.isFinite(v))) {
        c.reasons.push(`${section} on ${dayOf(c)}: holds ${c.s.values.length} rows but no figures (${spec.values} sum to ${sci(c.total)})`);
        c.out = true;
      }
    }
    const mid = median(caps.filter((c) => !c.out), (c) => c.log);
    if (mid === undefined) continue;
    mids.set(section, mid);
    const inScale = caps.filter((c) => !c.out && Math.abs(c.log - mid) <= SCALE_TOLERANCE_DECADES);
    const range = extent(inScale, (c) => c.total) as [number, number] | [undefined, undefined];
    usual.set(section, range[0] === undefined ? undefined : (range as [number, number]));
    for (const c of caps) if (!c.out && Math.abs(c.log - mid) > SCALE_TOLERANCE_DECADES) c.out = true;
  }
  for (const [section, caps] of bySection) {
    const spec = SECTION_SPECS[section];
    const range = usual.get(section);
    const runs = range ? `this section's captures run ${sci(range[0])}..${sci(range[1])}` : "this section's usual scale";
    const mid = mids.get(section)!;
    for (const c of caps) {
      if (c.reasons.length > 0 || !c.out) continue;
      // A non-token section on the scale of a token section holds token counts.
      const tokenLike = !spec.tokens && [...usual].some(([o, r]) => o !== section && SECTION_SPECS[o].tokens && r && c.total >= r[0] / 3 && c.total <= r[1] * 3);
      const decades = Math.abs(c.log - mid).toFixed(1);
      c.reasons.push(tokenLike
        ? `${section} on ${dayOf(c)}: values are token counts (${sci(c.total)}), not ${spec.values} (${runs})`
        : `${section} on ${dayOf(c)}: values sum to ${sci(c.total)}, ${decades} decades ${c.log > mid ? 'above' : 'below'} the ${spec.values} of this section (${runs.replace("this section's captures", 'its captures')})`);
    }
  }

  // (c) composition and (b) continuity, against the captures still standing, one capture at a
  // time (a wrong panel next to another wrong panel must not drag a good capture down with it).
  for (const [section, caps] of bySection) {
    const spec = SECTION_SPECS[section];
    const composition: Cap[] = [];
    for (let changed = true; changed; ) {
      changed = false;
      const standing = caps.filter((c) => !c.out);
      const worst = worstComposition(standing);
      if (worst) {
        worst.out = true;
        composition.push(worst);
        changed = true;
        continue;
      }
      if (!spec.weekToDate) continue;
      const glitch = worstContinuity(section, standing);
      if (glitch) {
        glitch.cap.out = true;
        glitch.cap.reasons.push(glitch.reason);
        changed = true;
      }
    }
    // Reasons against the final good captures; set-aside captures of another panel say so too.
    const good = caps.filter((c) => !c.out);
    const typical = typicalShared(good);
    for (const c of caps) {
      if (!c.out) continue;
      const r = compositionReason(section, c, good, typical);
      if (r) c.reasons.push(r);
      else if (composition.includes(c)) c.reasons.push(`${section} on ${dayOf(c)}: shares fewer than half of its ${c.ids.size} entries with most captures within ${COMPOSITION_WINDOW_DAYS} days: another panel`);
    }
  }

  // (d) duplication within a capture: the section that fails the other checks is the wrong one;
  // when neither does, neither can be trusted.
  const byTime = new Map<string, Cap[]>();
  for (const caps of bySection.values()) for (const c of caps) byTime.set(c.s.fetched_at_utc, [...(byTime.get(c.s.fetched_at_utc) ?? []), c]);
  for (const group of byTime.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const a = group[i]!;
        const b = group[j]!;
        if (!duplicates(a, b)) continue;
        const sameIds = SECTION_SPECS[a.s.section].idColumn === SECTION_SPECS[b.s.section].idColumn;
        const what = sameIds ? 'entries and figures' : 'figures';
        const blame = a.out === b.out ? [a, b] : a.out ? [a] : [b];
        for (const c of blame) {
          const other = c === a ? b : a;
          c.reasons.push(`${c.s.section} on ${dayOf(c)}: its ${what} repeat the ${other.s.section} section of the same capture${blame.length === 2 ? ' (one panel under two names; neither can be trusted)' : ''}`);
          c.out = true;
        }
      }
    }
  }

  const verdicts: CaptureVerdict[] = [];
  for (const caps of bySection.values()) {
    for (const c of caps) {
      verdicts.push({
        section: c.s.section, snapshot_date: c.s.snapshot_date, fetched_at_utc: c.s.fetched_at_utc,
        verdict: c.out ? 'set-aside' : 'good', reasons: c.reasons, rows: c.s.values.length, total: c.total,
      });
    }
  }
  // Sections a capture file holds no rows for: empty, or not written by the import.
  const have = new Set(samples.map((s) => `${s.section}|${s.fetched_at_utc}`));
  for (const f of files) {
    for (const section of CAPTURE_SECTIONS) {
      if (have.has(`${section}|${f.fetched_at_utc}`) || f.rows[section] > 0) continue;
      const unwritten = f.not_written.find((n) => n.startsWith(`${section}:`));
      const whole = CAPTURE_SECTIONS.every((s) => f.rows[s] === 0);
      verdicts.push({
        section, snapshot_date: f.snapshot_date, fetched_at_utc: f.fetched_at_utc,
        verdict: unwritten ? 'set-aside' : 'empty',
        reasons: [unwritten
          ? `${section} on ${f.snapshot_date}: not written by the import (${unwritten.slice(section.length + 1).trim()})`
          : `${section} on ${f.snapshot_date}: ${whole ? 'the whole capture is empty (the page changed and the capture broke)' : 'the capture holds no rows for this section'}`],
        rows: 0, total: null,
      });
    }
  }
  const order = (v: CaptureVerdict) => CAPTURE_SECTIONS.indexOf(v.section);
  return verdicts.sort((a, b) => order(a) - order(b) || Date.parse(a.fetched_at_utc) - Date.parse(b.fetched_at_utc));
}

/** How many entries two captures share. */
function shared(a: Cap, b: Cap): number {
  let n = 0;
  for (const id of a.ids) if (b.ids.has(id)) n++;
  return n;
}

/** The median number of entries consecutive good captures share (for reasons). */
function typicalShared(good: readonly Cap[]): number | undefined {
  return median(good.slice(1), (c, i) => shared(good[i]!, c));
}

/** The nearest good captures before and after c, within `hours` of it. */
function neighbours(c: Cap, good: readonly Cap[], hours: number): { before?: Cap; after?: Cap } {
  let before: Cap | undefined;
  let after: Cap | undefined;
  for (const g of good) {
    if (g === c || Math.abs(hoursBetween(c, g)) > hours) continue;
    if (g.t < c.t) before = g;
    else if (g.t > c.t && after === undefined) after = g;
  }
  return { before, after };
}

/** Whether c shares fewer than half its entries with each of its nearest good captures. */
function fewInCommon(c: Cap, good: readonly Cap[]): Cap[] | undefined {
  const { before, after } = neighbours(c, good, COMPOSITION_WINDOW_DAYS * 24);
  const near = [before, after].filter((x): x is Cap => x !== undefined);
  if (near.length === 0) return undefined;
  return near.every((n) => shared(c, n) < COMPOSITION_MIN_SHARED * Math.min(c.ids.size, n.ids.size)) ? near : undefined;
}

/**
 * The capture to set aside next for its composition, if any: among those that share fewer than
 * half their entries with the nearest standing captures either side, the one the captures
 * around it agree with least (median share over every standing capture within the window, at
 * least two of them). A good capture beside a wrong panel fails the nearest-neighbour test too,
 * but the captures around it still agree with it, so it is never the one taken out.
 */
function worstComposition(standing: readonly Cap[]): Cap | undefined {
  let worst: Cap | undefined;
  let worstSupport = COMPOSITION_MIN_SHARED;
  for (const c of standing) {
    if (!fewInCommon(c, standing)) continue;
    const around = standing.filter((g) => g !== c && Math.abs(hoursBetween(c, g)) <= COMPOSITION_WINDOW_DAYS * 24);
    if (around.length < 2) continue;
    const support = median(around, (g) => shared(c, g) / Math.min(c.ids.size, g.ids.size))!;
    if (support < worstSupport) {
      worst = c;
      worstSupport = support;
    }
  }
  return worst;
}

function compositionReason(section: CaptureSection, c: Cap, good: readonly Cap[], typical: number | undefined): string | undefined {
  const near = fewInCommon(c, good);
  if (!near) return undefined;
  const parts = near.map((n, i) => (i === 0 ? `${shared(c, n)} of its ${c.ids.size} entries with ${dayOf(n)}` : `${shared(c, n)} with ${dayOf(n)}`));
  const usual = typical === undefined ? '' : ` (consecutive good captures of this section share a median of ${typical})`;
  return `${section} on ${dayOf(c)}: shares only ${parts.join(' and ')}, the nearest good captures${near.length === 1 ? ' (on one side only)' : ' either side'}${usual}: another panel`;
}

/**
 * The next week-to-date glitch to set aside, with its reason: first a fall that recovers above
 * the earlier level (the deepest), then a jump that falls back without a reset (the highest).
 * One at a time, because the capture after a dip also looks like a jump next to the dip.
 */
function worstContinuity(section: CaptureSection, standing: readonly Cap[]): { cap: Cap; reason: string } | undefined {
  const triples = standing.flatMap((c, i) => {
    const p = standing[i - 1];
    const n = standing[i + 1];
    return p && n && hoursBetween(p, n) <= CONTINUITY_SPAN_HOURS ? [{ p, c, n }] : [];
  });
  const span = ({ p, c, n }: { p: Cap; c: Cap; n: Cap }) => `${dayOf(p)} ${sci(p.total)}, ${dayOf(c)} ${sci(c.total)}, ${dayOf(n)} ${sci(n.total)}`;
  const dips = triples.filter(({ p, c, n }) => c.total < p.total && n.total >= p.total).sort((a, b) => a.c.total / a.p.total - b.c.total / b.p.total);
  const dip = dips[0];
  if (dip) {
    return {
      cap: dip.c,
      reason: `${section} on ${dayOf(dip.c)}: the week-to-date total falls and recovers above its earlier level within ${hoursBetween(dip.p, dip.n)} hours (${span(dip)}); a weekly counter only falls at its reset, and then stays down`,
    };
  }
  const jumps = triples.filter(({ p, c, n }) => c.total > p.total && n.total < c.total && n.total >= p.total).sort((a, b) => b.c.total / b.n.total - a.c.total / a.n.total);
  const jump = jumps[0];
  if (jump) {
    return {
      cap: jump.c,
      reason: `${section} on ${dayOf(jump.c)}: the week-to-date total jumps and falls back without a reset within ${hoursBetween(jump.p, jump.n)} hours (${span(jump)}); a weekly counter only falls at its reset`,
    };
  }
  return undefined;
}

function duplicates(a: Cap, b: Cap): boolean {
  const va = a.s.values;
  const vb = b.s.values;
  if (va.length < 3 || va.length !== vb.length || !va.every((v, k) => v === vb[k])) return false;
  const sameIds = SECTION_SPECS[a.s.section].idColumn === SECTION_SPECS[b.s.section].idColumn;
  return !sameIds || a.s.ids.every((id, k) => id === b.s.ids[k]);
}
