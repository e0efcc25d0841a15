/** What happened next, May-June 2026: OpenRouter's own daily data against the media sums. */
import type { SiteData } from '../../charts/types.ts';
import {
  formatCount,
  formatDate,
  formatOrdinal,
  formatPercent,
  formatSmall,
  formatTokens,
  formatWeek,
} from '../../lib/format.ts';
import { API_SOURCE, apiCitation } from '../../pipeline/derive/api.ts';
import { addDays, direction, leaderOf, list, type Sink } from './sink.ts';

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
  f.apiDayCount = formatSmall(api.days.length);
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
    f.apiFirstCnPct = formatPercent(first.pct.cn);
    f.apiFirstUsPct = formatPercent(first.pct.us);
    f.apiLastCnPct = formatPercent(last.pct.cn);
    f.apiLastUsPct = formatPercent(last.pct.us);
    f.apiShareTrend = direction(first.cn_share!, last.cn_share!);
    f.apiLastUndisclosedPct = formatPercent(last.pct.undisclosed);
    f.apiLastOutsidePct = formatPercent(last.pct.outside);
    f.apiLastTotal = formatTokens(last.all, 'long');
  }
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
    pairs.length > 0 &&
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
    'the top 50 cover far more of the platform than the two leaderboard sums',
    c !== undefined && c.apiPct > c.mediaPct + 20,
    c
      ? `media ${f.coverageCompareMedia}, top 50 ${f.coverageCompareApi} in ${c.week.week_start}`
      : 'no common week',
  );

  // The media's latest week with both figures (its label is right: FACT-CHECK-2, error 1).
  const june = [...media].reverse().find((w) => w.cn !== null && w.us !== null);
  if (june) {
    f.juneWeek = formatWeek(june.week_start, june.week_end);
    f.juneCn = formatTokens(june.cn, 'long');
    f.juneUs = formatTokens(june.us, 'long');
    f.juneShare = formatPercent(june.cn_share);
    s.cite('next', june.source_ids);
  }
  claim(
    'latest-media-week-china-ahead',
    'China is ahead in the latest media week with both figures',
    june !== undefined && june.cn! > june.us!,
    june ? `${june.week_start}: CN ${formatTokens(june.cn)}, US ${formatTokens(june.us)}` : 'none',
  );

  // The outlets' longest streak statement.
  const streaks = data.datasets['lead-streaks'];
  const longest = [...streaks].sort(
    (a, b) => b.streak_weeks - a.streak_weeks || (a.week_start < b.week_start ? 1 : -1),
  )[0];
  f.longestStreak = longest ? formatSmall(longest.streak_weeks) : '';
  f.longestStreakOrdinal = longest ? formatOrdinal(longest.streak_weeks) : '';
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
}
