/** What happened next: OpenRouter's own daily data (from late May 2026) against the media sums. */
import type { SiteData } from '../../data/site-data.ts';
import {
  formatCount,
  formatDate,
  formatMultiple,
  formatPercent,
  formatSmall,
  formatTokens,
  formatWeek,
} from '../../lib/format.ts';
import { API_SOURCE, apiSeries, missingDays } from '../../pipeline/derive/api.ts';
import type { Origin } from '../../pipeline/datasets.ts';
import { OUTLET_TOP_N } from '../../pipeline/derive/outlet-method.ts';
import { TOP50_MARGIN_POINTS } from '../../lib/story-settings.ts';
import { addDays, direction, leaderOf, list, monthSpan, partOfMonth, type Sink } from './sink.ts';

/** How close the rebuilt top-10 sum must come to an outlet's China figure, percent: the outlets
 *  print two decimals of a trillion, and a model's restatement moves a week by less than this. */
export const OUTLET_MATCH_TOLERANCE_PCT = 0.5;

/** How a media figure that is not a plain report is said where it stands (FACT-CHECK-2, error 10). */
const MEDIA_KIND: Record<string, string> = {
  derived: ' (our back-calculation)',
  secondary: ' (as relayed second-hand)',
  partial: ' (part of the week)',
};

/**
 * The section's figures (`f.name = …`, the placeholders of the copy) and claims (`claim(…)`),
 * in the order the copy uses them. Over 60 lines on purpose: a declarative list whose entries
 * share the section's series computed at its top; split, one section's numbers would be spread
 * over functions that pass those series around.
 */
export function nextFigures(data: SiteData, s: Sink): void {
  const { f, claim } = s;
  const api = data.derived.api;
  const media = data.derived.weeks.media;
  if (api.days.length === 0) {
    claim(
      'api-data-present',
      "OpenRouter's own daily data are in the build",
      false,
      'data/api-daily-tokens.csv has no rows',
    );
    return;
  }
  s.cite('next', [API_SOURCE]);
  f.apiFirstDay = formatDate(api.days[0]!.date);
  f.apiLastDay = formatDate(api.days.at(-1)!.date);
  // The section's heading ("May and June"): the months the days span.
  f.apiMonths = monthSpan(api.days[0]!.date, api.days.at(-1)!.date);
  f.apiTopN = formatCount(
    Math.max(0, ...data.datasets['api-daily-tokens'].map((r) => r.rank ?? 0)),
  );
  const whole = api.weeks.filter((w) => w.days === 7);
  f.apiWholeWeeks = formatSmall(whole.length);
  const first = whole[0];
  const last = whole.at(-1);
  const top50 = whole.map((w) => w.top50_pct);
  f.apiTop50Low = whole.length ? formatPercent(Math.min(...top50)) : '';
  f.apiTop50High = whole.length ? formatPercent(Math.max(...top50)) : '';
  if (first && last) {
    f.apiFirstWeek = formatWeek(first.week_start, first.week_end);
    f.apiLastWeek = formatWeek(last.week_start, last.week_end);
    f.apiFirstShare = formatPercent(first.cn_share);
    f.apiLastShare = formatPercent(last.cn_share);
    f.apiLastCnPct = formatPercent(last.pct.cn);
    f.apiLastUsPct = formatPercent(last.pct.us);
    // "By OpenRouter's own data from late May, in every whole week": when the whole weeks begin.
    f.apiFirstPeriod = partOfMonth(first.week_start);
    f.apiShareTrend = direction(first.cn_share!, last.cn_share!);
    f.apiLastUndisclosedPct = formatPercent(last.pct.undisclosed);
    f.apiLastOutsidePct = formatPercent(last.pct.outside);
  }
  // "For each day, the tokens of the {apiTopN} most-used models and one row for the rest": every
  // day has ranked rows in descending order of tokens and one row for the rest.
  const byDay = new Map<string, (typeof data.datasets)['api-daily-tokens']>();
  for (const r of data.datasets['api-daily-tokens'])
    byDay.set(r.date, [...(byDay.get(r.date) ?? []), r]);
  const badDays = [...byDay].filter(([, rs]) => {
    const ranked = rs.filter((r) => r.rank !== null).sort((a, b) => a.rank! - b.rank!);
    const rest = rs.filter((r) => r.rank === null);
    return (
      rest.length !== 1 ||
      ranked.some((r, i) => i > 0 && r.total_tokens > ranked[i - 1]!.total_tokens)
    );
  });
  claim(
    'api-days-top-models-and-rest',
    "each day of OpenRouter's data lists its most-used models in order of tokens and one row for the rest",
    byDay.size > 0 && badDays.length === 0,
    `${byDay.size} days; days out of order or without one row for the rest: ${badDays.map(([d]) => d).join(', ') || 'none'}`,
  );
  // "The most complete count": in every whole week the top N carry more of the platform than the
  // media sums in any week with all three figures, and than the listed authors in any week.
  const mediaCoverage = media.flatMap((m) => {
    const all = data.datasets['weekly-tokens'].find(
      (r) => r.week_start === m.week_start && r.origin === 'all' && r.status === 'reported',
    );
    return all && m.cn !== null && m.us !== null ? [(100 * (m.cn + m.us)) / all.tokens] : [];
  });
  const authorCoverage = data.derived.weeks.authors.flatMap((w) =>
    w.cn !== null && w.us !== null && w.cn_pct_of_all && w.cn > 0
      ? [(100 * (w.cn + w.us + (w.other ?? 0))) / (w.cn / (w.cn_pct_of_all / 100))]
      : [],
  );
  const otherBest = Math.max(0, ...mediaCoverage, ...authorCoverage);
  claim(
    'api-most-complete-count',
    "in every whole week OpenRouter's top models carry more of the platform than any other count covers in any week",
    whole.length > 0 && mediaCoverage.length > 0 && Math.min(...top50) > otherBest,
    `top ${f.apiTopN} at least ${f.apiTop50Low}; best of the outlets’ sums and the listed authors ${formatPercent(otherBest)}`,
  );

  // "Every whole week since" and "every day since" say nothing is missing in between: days missing
  // between two imported responses (a gap) make them false, whatever the days on either side say.
  const gaps = missingDays(api.days.map((d) => d.date));
  const gapsFrom = (day: string) =>
    gaps
      .filter((g) => g.to >= day)
      .map((g) => `no data ${g.from} to ${g.to} (${g.days} days)`)
      .join('; ');
  const weeksGap = first ? gapsFrom(first.week_start) : '';
  claim(
    'api-china-leads-every-whole-week',
    "by OpenRouter's own count China led every whole week, with no week missing since the first",
    whole.length > 0 && whole.every((w) => leaderOf(w) === 'CN') && weeksGap === '',
    whole.map((w) => `${w.week_start}: ${formatPercent(w.cn_share)}`).join(', ') +
      (weeksGap ? `; ${weeksGap}` : ''),
  );

  // The crossing in the daily data: the days the U.S. was ahead, and China ahead every day since
  // the last of them ("the U.S. ahead on 21, 22 and 26 May; China every day since 27 May").
  const usDays = api.days.filter((d) => d.us > d.cn);
  const lastUsDay = usDays.at(-1);
  const sinceDay = lastUsDay ? api.days.find((d) => d.date > lastUsDay.date) : undefined;
  f.apiUsDays = list(usDays.map((d) => formatDate(d.date, 'short')));
  f.apiUsDayCount = formatSmall(usDays.length);
  f.apiChinaSince = sinceDay ? formatDate(sinceDay.date, 'short') : '';
  f.apiChinaSincePeriod = sinceDay ? partOfMonth(sinceDay.date) : '';
  claim(
    'api-daily-crossing',
    "in OpenRouter's daily data the U.S. was ahead on some days, and China has been ahead on every day since the last of them, with no day missing",
    usDays.length > 0 &&
      sinceDay !== undefined &&
      api.days.filter((d) => d.date >= sinceDay.date).every((d) => d.cn > d.us) &&
      gapsFrom(sinceDay.date) === '',
    `U.S.-led days: ${usDays.map((d) => d.date).join(', ') || 'none'}; China every day from ${sinceDay?.date ?? 'none'}` +
      (sinceDay && gapsFrom(sinceDay.date) ? `; ${gapsFrom(sinceDay.date)}` : ''),
  );
  // How much the platform grew between the first and the latest whole week (all tokens).
  f.apiGrowthX = first && last ? formatMultiple(last.all / first.all) : '';
  claim(
    'api-platform-grew',
    "the platform's weekly tokens grew at least threefold from the first whole week of OpenRouter's data to the latest",
    first !== undefined && last !== undefined && last.all >= 3 * first.all,
    first && last ? `${formatTokens(first.all)} -> ${formatTokens(last.all)}` : 'no whole weeks',
  );

  // Weeks both the API and the media count cover: the API gives China less of the pair.
  const pairs = media.flatMap((m) => {
    const a = api.weeks.find((w) => w.week_start === m.week_start);
    return a && m.cn_share !== null && a.cn_share !== null ? [{ m, a }] : [];
  });
  const wholePairs = pairs.filter((p) => p.a.days === 7);
  // A week with most of its days in the API data is worth comparing; one with a day or two is not.
  const partialPairs = pairs.filter((p) => p.a.days < 7 && p.a.days >= 4);
  const pairText = (p: (typeof pairs)[number]) =>
    `${formatPercent(p.a.cn_share)} by OpenRouter’s data against ${formatPercent(p.m.cn_share)} by the outlets’ sums${MEDIA_KIND[p.m.status] ?? ''} in ${formatWeek(p.m.week_start, p.m.week_end)}`;
  f.apiVsMediaWhole = list(wholePairs.map(pairText));
  f.apiVsMediaPartial = list(
    partialPairs.map(
      (p) => `${pairText(p)} (${formatSmall(p.a.days)} of its seven days in OpenRouter’s data)`,
    ),
  );
  s.cite(
    'next',
    pairs.flatMap((p) => p.m.source_ids),
  );
  claim(
    'api-narrower-than-media',
    "in every week both counts cover, OpenRouter's data give China a smaller share of the pair than the outlets’ sums",
    // The copy quotes the whole and the mostly covered weeks: at least one, each narrower.
    wholePairs.length + partialPairs.length > 0 &&
      [...wholePairs, ...partialPairs].every((p) => p.a.cn_share! < p.m.cn_share!),
    pairs
      .map(
        (p) =>
          `${p.m.week_start}: API ${formatPercent(p.a.cn_share)} vs media ${formatPercent(p.m.cn_share)}`,
      )
      .join('; ') || 'no common week',
  );

  // Coverage: the leaderboard sums against the top 50 of the same week.
  const allRows = data.datasets['weekly-tokens'].filter(
    (r) => r.origin === 'all' && r.status === 'reported',
  );
  const cov = allRows.flatMap((r) => {
    const m = media.find(
      (w) =>
        w.week_start === r.week_start && w.cn !== null && w.us !== null && w.status === 'reported',
    );
    const a = api.weeks.find((w) => w.week_start === r.week_start);
    return m && a
      ? [
          {
            week: m,
            mediaPct: (100 * (m.cn! + m.us!)) / r.tokens,
            apiPct: a.top50_pct,
            days: a.days,
          },
        ]
      : [];
  });
  const c = cov.at(-1);
  f.coverageCompareWeek = c ? formatWeek(c.week.week_start, c.week.week_end) : '';
  f.coverageCompareMedia = c ? formatPercent(c.mediaPct) : '';
  f.coverageCompareApi = c ? formatPercent(c.apiPct) : '';
  claim(
    'top50-covers-more-than-sums',
    `the top 50 cover far more (at least ${TOP50_MARGIN_POINTS} points more) of the platform than the two leaderboard sums`,
    c !== undefined && c.apiPct >= c.mediaPct + TOP50_MARGIN_POINTS,
    c
      ? `media ${f.coverageCompareMedia}, top 50 ${f.coverageCompareApi} in ${c.week.week_start}`
      : 'no common week',
    ['TOP50_MARGIN_POINTS'],
  );

  // The media's latest week with both figures (its label is right: FACT-CHECK-2, error 1).
  const june = [...media].reverse().find((w) => w.cn !== null && w.us !== null);
  if (june) {
    f.juneWeek = formatWeek(june.week_start, june.week_end);
    f.juneCn = formatTokens(june.cn, 'long');
    f.juneUs = formatTokens(june.us, 'long');
    f.juneShare = formatPercent(june.cn_share);
    // Said where it stands when the figure is relayed second-hand or back-calculated.
    f.juneKind = (MEDIA_KIND[june.status] ?? ' (as reported)').trim();
    s.cite('next', june.source_ids);
  }
  claim(
    'latest-media-week-china-ahead',
    'China is ahead in the latest media week with both figures',
    june !== undefined && june.cn! > june.us!,
    june ? `${june.week_start}: CN ${formatTokens(june.cn)}, US ${formatTokens(june.us)}` : 'none',
  );

  // "The outlets kept counting a Chinese streak": the longest Chinese streak statement, which
  // must also be the latest statement of all (no U.S. streak reported after it).
  const streaks = data.datasets['lead-streaks'];
  const longest = streaks
    .filter((r) => r.leader === 'CN')
    .sort((a, b) => b.streak_weeks - a.streak_weeks || (a.week_start < b.week_start ? 1 : -1))[0];
  const latestStatement = [...streaks].sort((a, b) => (a.week_start < b.week_start ? 1 : -1))[0];
  f.longestStreak = longest ? formatSmall(longest.streak_weeks) : '';
  f.longestStreakWeek = longest ? formatWeek(longest.week_start, longest.week_end) : '';
  if (longest) s.cite('next', longest.source_ids);
  const conflicts = data.derived.impliedLeads.conflicts;
  f.streakConflictWeeks = list(conflicts.map((ws) => formatWeek(ws, addDays(ws, 6))));
  claim(
    'streak-statements-conflict',
    'some streak statements disagree about who led a week (the conflict is shown, not hidden)',
    conflicts.length > 0,
    `conflicting weeks: ${conflicts.join(', ') || 'none'}`,
  );
  // The outlets' method rebuilt from OpenRouter's data: how close it comes to their figures.
  const rebuilt = data.derived.outletMethod.flatMap((w) =>
    w.matches.map((m) => ({ week: formatWeek(w.week_start, w.week_end), m })),
  );
  const of = (o: string) => rebuilt.filter((x) => x.m.origin === o);
  const worst = (xs: typeof rebuilt) => Math.max(...xs.map((x) => Math.abs(x.m.diff_pct)));
  const cnRebuilt = of('CN');
  const allRebuilt = of('all');
  f.outletTopN = formatSmall(OUTLET_TOP_N);
  f.outletPartialWeeks = list(
    data.derived.outletMethod
      .filter((w) => w.partial)
      .map((w) => `${formatWeek(w.week_start, w.week_end)}, ${formatSmall(w.days)} days`),
  );
  f.outletMatchTolerance = formatPercent(OUTLET_MATCH_TOLERANCE_PCT);
  f.outletCnWeeks = list(cnRebuilt.map((x) => x.week));
  f.outletCnWorst = cnRebuilt.length ? formatPercent(worst(cnRebuilt), 2) : '';
  f.outletAllWorst = allRebuilt.length ? formatPercent(worst(allRebuilt), 2) : '';
  f.outletUsPairs = list(
    of('US').map(
      (x) =>
        `${formatTokens(x.m.outlet, 'long')} reported against ${formatTokens(x.m.rebuilt, 'long')} rebuilt in ${x.week}`,
    ),
  );
  claim(
    'outlet-method-cn-matches',
    `the outlets' China figure is the sum of the Chinese models within OpenRouter's weekly top ${OUTLET_TOP_N}, within ${OUTLET_MATCH_TOLERANCE_PCT}%, in every whole week where both exist`,
    cnRebuilt.length > 0 && worst(cnRebuilt) <= OUTLET_MATCH_TOLERANCE_PCT,
    cnRebuilt
      .map((x) => `${x.week}: ${formatTokens(x.m.outlet)} vs ${formatTokens(x.m.rebuilt)}`)
      .join('; ') || 'no week to compare',
  );
  // Judgement calls on origin, and what each does to China's share of the pair (OpenRouter's
  // own count, whole weeks): computed by re-running the count with the lab reassigned.
  const wholeWeeks = (reassign: Record<string, Origin>) =>
    apiSeries(
      data.datasets['api-daily-tokens'],
      data.datasets.labs.map((l) => (l.slug in reassign ? { ...l, origin: reassign[l.slug]! } : l)),
    ).weeks.filter((w) => w.days === 7);
  const base = wholeWeeks({});
  const shift = (reassign: Record<string, Origin>) => {
    const alt = wholeWeeks(reassign);
    const d = base.map((w, i) => (alt[i]!.cn_share ?? 0) - (w.cn_share ?? 0));
    const i = d.reduce((best, x, k) => (Math.abs(x) > Math.abs(d[best]!) ? k : best), 0);
    const last = base.length - 1;
    return {
      max: formatPercent(Math.abs(d[i] ?? 0)).replace('%', ''),
      maxWeek: base[i] ? formatWeek(base[i].week_start, base[i].week_end) : '',
      latestBefore: formatPercent(base[last]?.cn_share ?? null),
      latestAfter: formatPercent(alt[last]?.cn_share ?? null),
    };
  };
  const latestWhole = base.at(-1);
  f.judgementLatestWeek = latestWhole
    ? formatWeek(latestWhole.week_start, latestWhole.week_end)
    : '';
  const poolside = shift({ poolside: 'US' });
  f.poolsideUsLatest = poolside.latestAfter;
  f.judgementLatestShare = poolside.latestBefore;
  f.poolsideUsMax = poolside.max;
  f.poolsideUsMaxWeek = poolside.maxWeek;
  const cohere = shift({ cohere: 'US' });
  f.cohereUsMax = cohere.max;
  f.cohereUsMaxWeek = cohere.maxWeek;
  const stealthCn = shift({ openrouter: 'CN', stealth: 'CN' });
  const stealthUs = shift({ openrouter: 'US', stealth: 'US' });
  f.stealthCnMax = stealthCn.max;
  f.stealthCnMaxWeek = stealthCn.maxWeek;
  f.stealthUsMax = stealthUs.max;
  f.stealthUsMaxWeek = stealthUs.maxWeek;
  claim(
    'judgement-calls-do-not-flip',
    "no single origin judgement call (Poolside or Cohere as U.S., every stealth model as Chinese or as U.S.) changes who led a whole week of OpenRouter's own count",
    (
      [
        { poolside: 'US' },
        { cohere: 'US' },
        { openrouter: 'US', stealth: 'US' },
        { openrouter: 'CN', stealth: 'CN' },
      ] as Array<Record<string, Origin>>
    ).every((r) => wholeWeeks(r).every((w, i) => leaderOf(w) === leaderOf(base[i]!))),
    `Poolside as U.S.: at most ${poolside.max} points; Cohere: ${cohere.max}; stealth as China: ${stealthCn.max}; as U.S.: ${stealthUs.max}`,
  );
  claim(
    'outlets-kept-counting-chinese-streak',
    "the outlets' longest Chinese streak is their latest streak statement",
    longest !== undefined && latestStatement === longest,
    `longest Chinese: ${longest ? `${longest.streak_weeks} weeks to ${longest.week_end}` : 'none'}; latest statement: ${latestStatement ? `${latestStatement.leader} ${latestStatement.streak_weeks} weeks to ${latestStatement.week_end}` : 'none'}`,
  );
}
