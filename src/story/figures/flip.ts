/** The opening: the peg week, the week before it, the U.S.-led week before that, and the outlets'
 *  streak statements about it, which disagree (the disagreement is shown, not hidden). */
import type { SiteData } from '../../data/site-data.ts';
import {
  formatApproxPercent,
  formatChange,
  formatOrdinal,
  formatPercent,
  formatTokens,
  formatWeek,
} from '../../lib/format.ts';
import { PEG_WEEK_START } from '../../lib/story-settings.ts';
import { shortPublisher } from '../../lib/publisher.ts';
import { addDays, list, partOfMonthOfWeek, type Sink } from './sink.ts';

/** Thrown when a story setting no longer matches the data (the fix is data or the setting). */
export class SettingError extends Error {
  readonly setting: string;
  readonly value: string;
  constructor(setting: string, value: string, message: string) {
    super(message);
    this.name = 'SettingError';
    this.setting = setting;
    this.value = value;
  }
}

/**
 * The section's figures (`f.name = …`, the placeholders of the copy) and claims (`claim(…)`),
 * in the order the copy uses them. Over 60 lines on purpose: a declarative list whose entries
 * share the section's series computed at its top; split, one section's numbers would be spread
 * over functions that pass those series around.
 */
export function flipFigures(data: SiteData, s: Sink): void {
  const { f, claim } = s;
  const media = data.derived.weeks.media;
  const pegIndex = media.findIndex((w) => w.week_start === PEG_WEEK_START);
  const peg = media[pegIndex];
  if (!peg || peg.cn === null || peg.us === null || peg.cn_share === null) {
    throw new SettingError(
      'PEG_WEEK_START',
      PEG_WEEK_START,
      `The story setting PEG_WEEK_START (src/lib/story-settings.ts) is ${PEG_WEEK_START}, but data/weekly-tokens.csv has no China and U.S. figures for that week: add them, or set PEG_WEEK_START to a week that has both.`,
    );
  }
  const pegRows = data.datasets['weekly-tokens'].filter((r) => r.week_start === PEG_WEEK_START);
  s.cite(
    'opening',
    pegRows.flatMap((r) => r.source_ids),
  );
  const wow = (o: string) => pegRows.find((r) => r.origin === o)?.wow_change_pct ?? null;
  f.pegWeek = formatWeek(peg.week_start, peg.week_end);
  f.pegCn = formatTokens(peg.cn, 'long');
  f.pegUs = formatTokens(peg.us, 'long');
  f.pegShare = formatPercent(peg.cn_share);
  f.pegShareApprox = formatApproxPercent(peg.cn_share);
  f.pegCnWow = formatChange(wow('CN'), 2);
  f.pegUsWow = formatChange(wow('US'), 2);
  f.pegGap = formatTokens(peg.cn - peg.us, 'long');
  claim(
    'peg-china-leads',
    'Chinese models processed more tokens than U.S. models in the peg week',
    peg.cn > peg.us,
    `CN ${formatTokens(peg.cn)}, US ${formatTokens(peg.us)}`,
    ['PEG_WEEK_START'],
  );

  // The outlets' own words for the peg week.
  const pegStatement = data.datasets['lead-streaks'].find((r) => r.week_start === PEG_WEEK_START);
  claim(
    'reports-second-week',
    'outlets reported the peg week as the second in a row with China ahead',
    pegStatement !== undefined &&
      pegStatement.leader === 'CN' &&
      pegStatement.streak_weeks === 2 &&
      pegStatement.status === 'reported',
    pegStatement
      ? `${pegStatement.wording} (${pegStatement.status})`
      : 'no streak statement for the peg week',
    ['PEG_WEEK_START'],
  );
  if (pegStatement) s.cite('opening', pegStatement.source_ids);

  // The week before the peg: reported (AIbase), with its own week-on-week changes.
  const pegLead = data.derived.leads.media[pegIndex]!;
  f.pegStreakOrdinal = formatOrdinal(pegLead.streak);
  const before = media[pegIndex - 1];
  const hasBefore =
    before?.week_start === addDays(PEG_WEEK_START, -7) && before.cn !== null && before.us !== null;
  const publishersOf = (ids: readonly string[]) => [
    ...new Set(
      ids
        .map((id) => data.datasets.sources.find((x) => x.id === id))
        .filter((x) => x !== undefined)
        .map((x) => shortPublisher(x.publisher)),
    ),
  ];
  if (hasBefore) {
    f.beforeWeek = formatWeek(before.week_start, before.week_end);
    f.beforeCn = formatTokens(before.cn, 'long');
    f.beforeUs = formatTokens(before.us, 'long');
    f.beforeShare = formatPercent(before.cn_share);
    f.beforeGap = formatTokens(before.cn! - before.us!, 'long');
    f.beforePublishers = list(publishersOf(before.source_ids));
    s.cite('opening', before.source_ids);
  }
  claim(
    'gap-narrower-week-before',
    'the gap was narrower the week before the peg',
    hasBefore && before.cn! - before.us! < peg.cn - peg.us,
    hasBefore
      ? `gap ${f.beforeGap} in ${f.beforeWeek} vs ${f.pegGap} in ${f.pegWeek}`
      : 'no China and U.S. figures for the week before the peg',
    ['PEG_WEEK_START'],
  );
  claim(
    'week-before-is-reported',
    'the week-before figures were reported by an outlet, not back-calculated',
    hasBefore && before.status === 'reported',
    `status ${before?.status ?? 'none'}`,
    ['PEG_WEEK_START'],
  );

  // The week before that: back-calculated from the reported week-on-week changes.
  const gapStart = addDays(PEG_WEEK_START, -14);
  const gap = media.find((w) => w.week_start === gapStart);
  const hasGap = gap !== undefined && gap.cn !== null && gap.us !== null;
  if (hasGap) {
    f.gapWeek = formatWeek(gap.week_start, gap.week_end);
    f.gapCn = formatTokens(gap.cn, 'long');
    f.gapUs = formatTokens(gap.us, 'long');
    s.cite('opening', gap.source_ids);
  }
  claim(
    'gap-week-derived-us',
    'two weeks before the peg is back-calculated and has the U.S. ahead',
    hasGap && gap.status === 'derived' && gap.us! > gap.cn!,
    hasGap ? `${gap.status}: CN ${formatTokens(gap.cn)}, US ${formatTokens(gap.us)}` : 'no figures',
    ['PEG_WEEK_START'],
  );

  // What the outlets' streak counts say about that week: they disagree (shown, not hidden).
  const streakRows = data.datasets['lead-streaks'];
  const inStreak = (r: (typeof streakRows)[number], ws: string) =>
    Array.from({ length: r.streak_weeks }, (_, k) => addDays(r.week_start, -7 * k)).includes(ws);
  const beforeStreak = (r: (typeof streakRows)[number], ws: string) =>
    addDays(r.week_start, -7 * r.streak_weeks) === ws;
  const usSayers = streakRows.filter((r) => r.leader === 'CN' && beforeStreak(r, gapStart));
  const cnSayers = streakRows.filter((r) => r.leader === 'CN' && inStreak(r, gapStart));
  const longest = [...usSayers].sort((a, b) => b.streak_weeks - a.streak_weeks)[0];
  const dissent = cnSayers[0];
  f.gapStreakPublishers = longest ? list(publishersOf(longest.source_ids)) : '';
  f.gapStreakWeek = longest ? formatWeek(longest.week_start, longest.week_end) : '';
  f.gapStreakOrdinal = longest ? formatOrdinal(longest.streak_weeks) : '';
  f.gapDissentPublishers = dissent ? list(publishersOf(dissent.source_ids)) : '';
  f.gapDissentWeek = dissent ? formatWeek(dissent.week_start, dissent.week_end) : '';
  f.gapDissentOrdinal = dissent ? formatOrdinal(dissent.streak_weeks) : '';
  // "late February" in the closing paragraph: the part of the month of that week.
  f.gapPeriod = hasGap ? partOfMonthOfWeek(gapStart) : '';
  if (longest) s.cite('opening', longest.source_ids);
  if (dissent) s.cite('opening', dissent.source_ids);
  claim(
    'gap-week-streaks-conflict',
    "the outlets' streak counts disagree about who led two weeks before the peg",
    longest !== undefined &&
      dissent !== undefined &&
      data.derived.impliedLeads.conflicts.includes(gapStart),
    `U.S. by ${usSayers.map((r) => r.week_start).join(', ') || 'none'}; China by ${cnSayers.map((r) => r.week_start).join(', ') || 'none'}; conflicts: ${data.derived.impliedLeads.conflicts.join(', ') || 'none'}`,
    ['PEG_WEEK_START'],
  );
  const pegStreakStart = addDays(PEG_WEEK_START, -7 * (pegLead.streak - 1));
  claim(
    'peg-streak-second',
    '"second week in a row" holds by the figures: the U.S. led the week before the run began',
    pegLead.streak === 2 &&
      hasGap &&
      gap.week_start === addDays(pegStreakStart, -7) &&
      gap.us! > gap.cn!,
    `streak ${pegLead.streak} from ${pegStreakStart}`,
    ['PEG_WEEK_START'],
  );

  // Reported Chinese leads before the gap.
  const earlyLeads = media.filter(
    (w) =>
      w.week_start !== null &&
      w.week_start < gapStart &&
      w.status === 'reported' &&
      w.cn !== null &&
      w.us !== null &&
      w.cn > w.us,
  );
  const firstLead = earlyLeads[0];
  f.firstLeadShare = firstLead ? formatPercent(firstLead.cn_share) : '';
  f.earlyLeadWeeks = list(earlyLeads.map((w) => formatWeek(w.week_start, w.week_end)));
  s.cite(
    'opening',
    earlyLeads.flatMap((w) => w.source_ids),
  );
  // "Before that ... China ahead", and the lead "had changed hands in between": the last week
  // with both figures before the gap was reported and Chinese-led.
  const lastBeforeGap = media
    .filter(
      (w) => w.week_start !== null && w.week_start < gapStart && w.cn !== null && w.us !== null,
    )
    .at(-1);
  claim(
    'china-led-before-gap',
    'reported figures showed China ahead in weeks before the gap, up to the last week before it',
    earlyLeads.length > 0 && lastBeforeGap !== undefined && earlyLeads.includes(lastBeforeGap),
    `early CN-led weeks: ${f.earlyLeadWeeks || 'none'}; last week before the gap: ${lastBeforeGap ? `${lastBeforeGap.week_start} ${lastBeforeGap.status} CN ${formatTokens(lastBeforeGap.cn)} US ${formatTokens(lastBeforeGap.us)}` : 'none'}`,
  );
}
