/** The opening: the peg week, the week before it, the gaps, and what the streak statements imply. */
import type { SiteData } from '../../charts/types.ts';
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

  // The week before the peg: only back-calculated.
  const pegLead = data.derived.leads.media[pegIndex]!;
  f.pegStreakOrdinal = formatOrdinal(pegLead.streak);
  const before = media[pegIndex - 1];
  const hasBefore =
    before?.week_start === addDays(PEG_WEEK_START, -7) && before.cn !== null && before.us !== null;
  if (hasBefore) {
    f.beforeWeek = formatWeek(before.week_start, before.week_end);
    f.beforeCn = formatTokens(before.cn, 'long');
    f.beforeUs = formatTokens(before.us, 'long');
    f.beforeShare = formatPercent(before.cn_share);
    f.beforeGap = formatTokens(before.cn! - before.us!, 'long');
    s.cite('opening', before.source_ids);
  }
  claim(
    'gap-narrower-week-before',
    'by our back-calculation, the gap was narrower the week before the peg',
    hasBefore && before.cn! - before.us! < peg.cn - peg.us,
    hasBefore
      ? `gap ${f.beforeGap} in ${f.beforeWeek} vs ${f.pegGap} in ${f.pegWeek}`
      : 'no China and U.S. figures for the week before the peg',
    ['PEG_WEEK_START'],
  );
  claim(
    'week-before-is-derived',
    'the week-before figures are back-calculated, not reported',
    hasBefore && before.status === 'derived',
    `status ${before?.status ?? 'none'}`,
    ['PEG_WEEK_START'],
  );

  // Weeks with no figure between the first week with both sides and the peg.
  const bothKnown = media.filter((w) => w.cn !== null && w.us !== null);
  const firstBoth = bothKnown[0]?.week_start ?? PEG_WEEK_START;
  const known = new Set(bothKnown.map((w) => w.week_start));
  const missing: string[] = [];
  for (let d = firstBoth; d < PEG_WEEK_START; d = addDays(d, 7)) if (!known.has(d)) missing.push(d);
  f.missingWeeks = list(missing.map((d) => formatWeek(d, addDays(d, 6))));
  claim(
    'a-week-is-missing',
    'a week between the first China/U.S. split and the peg has no figure',
    missing.length > 0,
    `missing: ${f.missingWeeks || 'none'}`,
  );

  // What the outlets' streak counts imply for that gap.
  const implied = data.derived.impliedLeads.weeks;
  const gapImplied = implied.filter(
    (w) => missing.includes(w.week_start) && w.basis === 'before-streak',
  );
  const streakRows = data.datasets['lead-streaks'];
  const statements = streakRows.filter((r) =>
    gapImplied.some((w) => w.from_weeks.includes(r.week_start)),
  );
  const longest = [...statements].sort((a, b) => b.streak_weeks - a.streak_weeks)[0];
  const publishers = longest
    ? [
        ...new Set(
          longest.source_ids
            .map((id) => data.datasets.sources.find((x) => x.id === id))
            .filter((x) => x !== undefined)
            .map((x) => shortPublisher(x.publisher)),
        ),
      ]
    : [];
  f.gapStreakPublishers = list(publishers);
  f.gapStreakWeek = longest ? formatWeek(longest.week_start, longest.week_end) : '';
  f.gapStreakOrdinal = longest ? formatOrdinal(longest.streak_weeks) : '';
  f.gapImpliedWeeks = list(gapImplied.map((w) => formatWeek(w.week_start, w.week_end)));
  // "late February" in the closing paragraph: the part of the month of each such week.
  f.gapImpliedPeriod = list([...new Set(gapImplied.map((w) => partOfMonthOfWeek(w.week_start)))]);
  if (longest) s.cite('opening', longest.source_ids);
  claim(
    'missing-week-implied-us',
    "the outlets' streak counts imply that the U.S. sum led the week with no figure before the peg",
    gapImplied.length > 0 &&
      gapImplied.every((w) => w.leader === 'US') &&
      !data.derived.impliedLeads.conflicts.some((c) => missing.includes(c)),
    `implied: ${gapImplied.map((w) => `${w.week_start} ${w.leader}`).join(', ') || 'none'}; conflicts: ${data.derived.impliedLeads.conflicts.join(', ') || 'none'}`,
  );
  const pegStreakStart = addDays(PEG_WEEK_START, -7 * (pegLead.streak - 1));
  claim(
    'peg-streak-second',
    '"second week in a row" holds because the U.S. led the week before the run began',
    pegLead.streak === 2 && gapImplied.some((w) => w.week_start === addDays(pegStreakStart, -7)),
    `streak ${pegLead.streak} from ${pegStreakStart}; implied U.S.-led: ${gapImplied.map((w) => w.week_start).join(', ') || 'none'}`,
    ['PEG_WEEK_START'],
  );

  // Reported Chinese leads before the gap.
  const earlyLeads = media.filter(
    (w) =>
      w.week_start !== null &&
      w.week_start < (missing[0] ?? PEG_WEEK_START) &&
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
      (w) =>
        w.week_start !== null &&
        w.week_start < (missing[0] ?? PEG_WEEK_START) &&
        w.cn !== null &&
        w.us !== null,
    )
    .at(-1);
  claim(
    'china-led-before-gap',
    'reported figures showed China ahead in weeks before the gap, up to the last week before it',
    earlyLeads.length > 0 && lastBeforeGap !== undefined && earlyLeads.includes(lastBeforeGap),
    `early CN-led weeks: ${f.earlyLeadWeeks || 'none'}; last week before the gap: ${lastBeforeGap ? `${lastBeforeGap.week_start} ${lastBeforeGap.status} CN ${formatTokens(lastBeforeGap.cn)} US ${formatTokens(lastBeforeGap.us)}` : 'none'}`,
  );
}
