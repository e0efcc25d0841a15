/** What happened next: OpenRouter's own daily data (from late May 2026) against the media sums. */
import type { SiteData } from '../../charts/types.ts';
import {
  formatCount,
  formatDate,
  formatPercent,
  formatSmall,
  formatTokens,
  formatWeek,
} from '../../lib/format.ts';
import { API_SOURCE, apiCitation } from '../../pipeline/derive/api.ts';
import { TOP50_MARGIN_POINTS } from '../../lib/story-settings.ts';
import { addDays, direction, leaderOf, list, monthSpan, partOfMonth, type Sink } from './sink.ts';

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
  f.apiCitation = apiCitation(api.as_of);
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
    `top ${f.apiTopN} at least ${f.apiTop50Low}; best of the media sums and the listed authors ${formatPercent(otherBest)}`,
  );

  claim(
    'api-china-leads-every-whole-week',
    "by OpenRouter's own count China led every whole week",
    whole.length > 0 && whole.every((w) => leaderOf(w) === 'CN'),
    whole.map((w) => `${w.week_start}: ${formatPercent(w.cn_share)}`).join(', '),
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
    `${formatPercent(p.a.cn_share)} by OpenRouter’s data against ${formatPercent(p.m.cn_share)} by the media’s sums in ${formatWeek(p.m.week_start, p.m.week_end)}`;
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
    "in every week both counts cover, OpenRouter's data give China a smaller share of the pair than the media sums",
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

  // The media's June figures, and the week-label caveat.
  const june = [...media]
    .reverse()
    .find((w) => w.status === 'secondary' && w.cn !== null && w.us !== null);
  const juneAll = june
    ? data.datasets['weekly-tokens'].find(
        (r) => r.week_start === june.week_start && r.origin === 'all',
      )
    : undefined;
  if (june) {
    f.juneWeek = formatWeek(june.week_start, june.week_end);
    f.juneCn = formatTokens(june.cn, 'long');
    f.juneUs = formatTokens(june.us, 'long');
    f.juneShare = formatPercent(june.cn_share);
    s.cite('next', june.source_ids);
  }
  const juneStart = june?.week_start ?? null;
  const weekBefore = juneStart
    ? api.weeks.find(
        (w) => w.week_end < juneStart && w.days === 7 && w.week_end >= addDays(juneStart, -7),
      )
    : undefined;
  f.juneTotal = juneAll ? formatTokens(juneAll.tokens, 'long') : '';
  f.juneTotalApiWeek = weekBefore ? formatWeek(weekBefore.week_start, weekBefore.week_end) : '';
  claim(
    'june-total-matches-week-before',
    "the June report's platform total matches OpenRouter's total for the week before its label (within 0.5%)",
    juneAll !== undefined &&
      weekBefore !== undefined &&
      Math.abs(weekBefore.all - juneAll.tokens) / juneAll.tokens < 0.005,
    `report ${juneAll ? formatTokens(juneAll.tokens) : 'none'}; API week before ${weekBefore ? formatTokens(weekBefore.all) : 'none'}`,
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
  claim(
    'outlets-kept-counting-chinese-streak',
    "the outlets' longest Chinese streak is their latest streak statement",
    longest !== undefined && latestStatement === longest,
    `longest Chinese: ${longest ? `${longest.streak_weeks} weeks to ${longest.week_end}` : 'none'}; latest statement: ${latestStatement ? `${latestStatement.leader} ${latestStatement.streak_weeks} weeks to ${latestStatement.week_end}` : 'none'}`,
  );
  claim(
    'streak-statements-agree',
    'no two streak statements disagree about who led a week',
    data.derived.impliedLeads.conflicts.length === 0,
    `conflicting weeks: ${data.derived.impliedLeads.conflicts.join(', ') || 'none'}`,
  );
}
