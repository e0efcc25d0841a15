/**
 * The article's copy, as content: typed blocks that the page renders in order. Text may use
 * {placeholders} (figures computed in src/story/figures/; {^name} capitalises), **bold**,
 * *italics* and [links](url). A claim marker {!claim-id} right after a sentence binds that
 * sentence to a claim of the data (it renders nothing): the build fails when the claim no longer
 * holds, and a test fails on any sentence that compares, ranks or counts without a figure or a
 * claim. A chart id that does not exist also fails the build. Paragraph and step ids anchor
 * corrections (src/story/corrections.ts).
 * A review marker {?review} right after a sentence (it renders nothing) marks a sentence an
 * editor reads before it changes on the site: `npm run update` publishes new data by itself
 * unless the copy diff changes a marked sentence, and then holds the build for review. Marked
 * now: the dek's share, and the headline share of each count (the peg week, the latest media
 * week, OpenRouter's own whole weeks).
 */
import type { Head } from './prepare.ts';

export type Block =
  | { type: 'h2'; id: string; text: string }
  | { type: 'p'; id?: string; text: string }
  | { type: 'figure'; chart: string; controls?: 'method' | 'calculator' }
  | { type: 'scrolly'; chart: string; steps: Array<{ id: string; state: string; text: string[] }> };

export const HEAD: Head = {
  kicker: 'AI usage · OpenRouter',
  title:
    'Chinese AI models overtook American ones on OpenRouter.{!china-leads-latest-media-week} How far ahead depends on how you count{!counting-method-matters}{!every-count-latest-china}',
  dek: 'In the week of {pegWeek}, models from Chinese labs processed {pegShareApprox} of the tokens of the Chinese and U.S. models on OpenRouter’s weekly leaderboard.{!peg-china-leads}{?review} Agent workloads and low prices go with the shift; chip export controls are the backdrop, not a demonstrated cause. The counting method decides how large the lead looks.{!counting-method-matters}',
  description:
    'How models from Chinese labs overtook U.S. models in weekly token volume on OpenRouter in 2026, what went with it (agents, price) and what sat behind it (chips), and how the answer changes with the counting method.{!china-leads-latest-media-week}{!counting-method-matters}',
  // "Overtook": China is still ahead in the latest week of the headline count.
  claims: ['china-leads-latest-media-week'],
};

export const ARTICLE: Block[] = [
  {
    type: 'scrolly',
    chart: 'weekly-tokens',
    steps: [
      {
        id: 'step-gateway',
        state: 'all',
        text: [
          'OpenRouter is a gateway for developers: one API, routed to models from many labs. Each week it ranks models by the tokens they processed (the word fragments a model reads and writes). Chinese financial media add up that leaderboard by the country of each model’s maker.',
        ],
      },
      {
        id: 'step-peg',
        state: 'peg',
        text: [
          'In the week of {pegWeek}, the sum gave models from Chinese labs **{pegCn}** ({pegCnWow} on the week before) and models from U.S. labs **{pegUs}** ({pegUsWow}). China’s share of the two combined: {pegShare}, or {pegShareApprox}.{!peg-china-leads}{?review}',
        ],
      },
      {
        id: 'step-before',
        state: 'before',
        text: [
          'Reports called it the second week in a row with China ahead.{!reports-second-week} None that we found printed the totals for the week before.{!week-before-is-derived} Working back from the reported weekly changes, we calculate {beforeCn} against {beforeUs} for {beforeWeek}: a {beforeShare} share and a gap of {beforeGap}, against {pegGap} a week later.{!week-before-is-derived} By our calculation, then, the gap had been narrower; no report said so.{!gap-narrower-week-before}',
          'Those points are drawn hollow because they are our calculation, not a report. Counting them, the peg week was the {pegStreakOrdinal} week running with China ahead.{!peg-streak-second}',
        ],
      },
      {
        id: 'step-gaps',
        state: 'gaps',
        text: [
          'The record has holes. The week of {missingWeeks} has no figure at all, so the line breaks there rather than guessing.{!a-week-is-missing} The outlets’ own streak counts say who led it: {gapStreakPublishers} called {gapStreakWeek} the {gapStreakOrdinal} week in a row with China ahead, so on their count the U.S. sum led in {gapImpliedWeeks}.{!missing-week-implied-us}',
          'Before that, the same kind of sums had China ahead in {earlyLeadWeeks}, with {firstLeadShare} of the pair in the first of them.{!china-led-before-gap} “Second week in a row” was true of the peg week only because the lead had changed hands in between.{!peg-streak-second}',
        ],
      },
    ],
  },

  { type: 'h2', id: 'counting', text: 'How the count decides the answer' },
  {
    type: 'p',
    id: 'counting-coverage',
    text: 'The headline totals add up the models that made the weekly leaderboard. They are not all of OpenRouter’s traffic.{!sums-miss-much-of-platform} In the {coverageWeeksCount} weeks for which outlets reported the Chinese sum, the U.S. sum and the platform total, the two sums together came to between {coverageLow} ({coverageLowWeek}) and {coverageHigh} ({coverageHighWeek}) of all tokens.{!sums-miss-much-of-platform} By this count China’s share of the pair in the latest week reported in full, {latestReportedWeek}, was {latestReportedShare}.{!latest-reported-china-leads}{?review}',
  },
  {
    type: 'p',
    id: 'counting-authors',
    text: 'A second count uses the rankings page itself, which shows each lab’s share of the tokens of the week so far. Daily captures of the page from {captureFirst} to {captureLast} give {authorWeeksCount} nearly complete weeks. On that measure, Chinese labs had {authorsFirstCnPct} of all tokens in the week to {authorsFirstWeek} and U.S. labs {authorsFirstUsPct}. That is {authorsFirstShare} of the pair, well short of what the leaderboard sums gave for the same week.{!authors-first-well-short-of-media}',
  },
  { type: 'figure', chart: 'share-by-method', controls: 'method' },
  {
    type: 'p',
    id: 'counting-flips',
    text: 'Then the lead changed hands.{!authors-lead-flips} U.S. labs were ahead in the weeks to {authorsUsWeeks}, when China’s share of the pair fell as low as {authorsUsLowShare}.{!authors-lead-flips} By the week to {authorsLastWeek}, {authorsLastLeader} was ahead again, with {authorsLastShare}: {authorsFlips} changes of leader in {authorWeeksCount} weeks.{!authors-lead-flips} The media’s count points the same way for {lateImpliedUsPeriod}: their later run of Chinese weeks began in {lateStreakStart}, which puts the U.S. sum ahead in {lateImpliedUsWeek}.{!streaks-agree-with-authors-late} In every week both counts cover, the author shares give China less of the pair than the leaderboard sums.{!authors-closer-than-media}',
  },
  { type: 'figure', chart: 'author-shares' },
  {
    type: 'p',
    id: 'counting-models',
    text: 'A third count, the nine biggest models on the leaderboard, tilts further toward China than the author shares: {modelsFirstShare} of the pair in the week to {modelsFirstWeek}.{!top9-models-above-authors} {^modelsFirstCnCount} of those {modelsFirstCount} models came from Chinese labs.{!top9-models-mostly-chinese}',
  },
  { type: 'figure', chart: 'top-models' },

  { type: 'h2', id: 'next', text: 'What happened next: {apiMonths}, by OpenRouter’s own count' },
  {
    type: 'p',
    id: 'next-api',
    text: 'OpenRouter now publishes the data behind its rankings itself: for each day, the tokens of the {apiTopN} most-used models and one row for the rest, so a day’s rows add up to the whole platform.{!api-days-top-models-and-rest} Its data from {apiFirstDay} to {apiLastDay} are a fourth count, and the most complete one: the top {apiTopN} alone carried {apiTop50Low} to {apiTop50High} of all tokens in each whole week.{!api-most-complete-count}',
  },
  {
    type: 'p',
    id: 'next-lead',
    text: 'By this count China led in each of the {apiWholeWeeks} whole weeks.{!api-china-leads-every-whole-week}{?review} Its share of the pair {apiShareTrend} from {apiFirstShare} in {apiFirstWeek} to {apiLastShare} in {apiLastWeek}, when Chinese models had {apiLastCnPct} of all tokens and U.S. models {apiLastUsPct}.{?review} Anonymous “stealth” models, whose makers OpenRouter does not name, had {apiLastUndisclosedPct}, and models outside the top {apiTopN} {apiLastOutsidePct}.',
  },
  { type: 'figure', chart: 'api-origins' },
  {
    type: 'p',
    id: 'next-media',
    text: 'The leaderboard sums tell a bigger story.{!api-narrower-than-media} Wherever both counts cover most of a week, OpenRouter’s own data give China a smaller share of the pair than the media’s sums: {apiVsMediaWhole}; and {apiVsMediaPartial}.{!api-narrower-than-media} The outlets kept counting a Chinese streak, reaching {longestStreak} weeks in a row by {longestStreakWeek}.{!streak-statements-agree}{!outlets-kept-counting-chinese-streak} The latest such report gives {juneCn} against {juneUs} for the week labelled {juneWeek}, {juneShare} of the pair; but its platform total, {juneTotal}, is OpenRouter’s own total for {juneTotalApiWeek}, so the label may be a week late.{!june-total-matches-week-before}',
  },
  {
    type: 'p',
    id: 'next-why',
    text: 'Why do the counts differ? The leaderboard sums take only the models on the weekly list and put each in China’s or the U.S.’s column; everything else drops out, including the anonymous models and the long tail.{!top50-covers-more-than-sums} In {coverageCompareWeek}, the two sums came to {coverageCompareMedia} of the platform’s tokens, while OpenRouter’s top {apiTopN} alone carried {coverageCompareApi}.{!top50-covers-more-than-sums} A sum over a short list magnifies whichever side holds its top places.{!api-narrower-than-media}',
  },

  { type: 'h2', id: 'technology', text: 'Technology: agents that keep reading' },
  {
    type: 'p',
    id: 'technology-agents',
    text: 'Start with what the tokens were for. Autonomous agents plan, call tools and re-read their own work, so each request carries far more text than a chat message.{!agents-burn-more-per-request} OpenClaw, an open-source personal agent, overtook React on {openclawStarDate} as the most-starred software project on GitHub, according to Odaily (another report gives the next day); a few lists and tutorials have more stars.{!openclaw-most-starred-reported} In the capture of {appsDate} it was the {openclawRankWord} app on OpenRouter by tokens: {openclawTokens} over {openclawRequests}, about {openclawTpr} tokens a request.{!openclaw-top-app} Janitor AI, a role-play app, averaged {janitorTpr}. OpenClaw used {openclawVsJanitor} as many per request.{!agents-burn-more-per-request}',
  },
  { type: 'figure', chart: 'app-intensity' },
  {
    type: 'p',
    id: 'technology-tool-calls',
    text: 'Agents call tools, and the tool-call panel of the rankings page did not lean one way.{!tool-calls-did-not-lean} In {tcCount} daily captures from {tcFirst} to {tcLast}, Chinese models among the nine with the most tool calls made more of all tool calls than the U.S. models among them in {tcCnAhead} captures, and the U.S. models in {tcUsAhead}.{!tool-calls-split} The U.S. led in {tcUsRun} captures in a row, from {tcUsRunFrom} to {tcUsRunTo}.{!tool-calls-us-run} Captures in which that panel held another part of the page are left out; the methodology page lists them.',
  },
  { type: 'figure', chart: 'tool-calls' },
  {
    type: 'p',
    id: 'technology-hunter',
    text: 'Long sessions need long memory. A stealth model called Hunter Alpha appeared on {hunterLaunch} with a {hunterContext}-token context window, free of charge.{!hunter-alpha-1m-context}{!hunter-alpha-free} Odaily ranked it the {hunterRank} model of the peg week with {hunterTokens}.{!hunter-alpha-ranked-by-odaily-in-peg-week} Reuters reported a smaller figure, more than {hunterFirstWeek} in its first week, and the model’s own page showed about {hunterPerDay} a day; the counts do not agree, and we cannot tell which is right.{!hunter-alpha-figures-disagree} On {hunterReveal} it was revealed to come from {hunterRevealedLab}, an early build of its MiMo-V2-Pro. It was listed under OpenRouter’s own name that week, so it was probably not in China’s total. Of the {contextKnownCount} models in our price table with a published context window, {millionContextCount} accept a million tokens or more.{!many-models-1m-context}',
  },
  { type: 'figure', chart: 'context-windows' },

  { type: 'h2', id: 'price', text: 'Price: good enough, for a fraction' },
  {
    type: 'p',
    id: 'price-list',
    text: 'Agents make price matter, because a session that reads and writes millions of tokens multiplies each cent. {refModel} lists at {refInput} of input and {refOutput} of output. {opusModel} lists at {opusInput} and {opusOutput}: {opusInputX} and {opusOutputX} as much.',
  },
  {
    type: 'p',
    id: 'price-blend',
    text: 'A single price per model needs a mix of input and output. We use {blendRatio}, close to the {blendPageRatio} on one undated snapshot of Hunter Alpha’s model page;{!blend-near-page-mix} a later snapshot showed about {blendLaterRatio}, and at that mix {refModel} would cost {refBlendedLater} and {opusModel} {opusXLater} as much.{!later-snapshot-more-input} The calculator below lets you set your own. At {blendRatio}, {refModel} costs {refBlended} and {cheapModel} {cheapBlended}. The {flagshipCount} U.S. flagships cost {flagshipMinX} ({flagshipMin}) to {flagshipMaxX} ({flagshipMax}) as much.{!flagships-cost-many-times-more}',
  },
  {
    type: 'p',
    id: 'price-cheap-us',
    text: 'Cheap is not only Chinese, though: {cheapUsLab}’s {cheapUsModel} lists at {cheapUsInput} and {cheapUsOutput}, a blended {cheapUsBlended}, below {refModel}.{!a-us-model-below-reference} On output price alone, {cheaperOutputModels} are cheaper still.{!some-chinese-cheaper-on-output} {freeModelsSentence}',
  },
  { type: 'figure', chart: 'prices' },
  {
    type: 'p',
    id: 'price-good-enough',
    text: 'A low price matters if the model is good enough for the job. The rankings page also lists an intelligence-index score. Set against price, {goodCheapCount} models score within {goodEnoughScore} of the top scorer, {topScoreModel}, at less than {goodEnoughPrice} its blended price: {goodCheapModels}.{!cheap-models-near-top-score}',
  },
  { type: 'figure', chart: 'score-vs-price' },
  {
    type: 'p',
    text: 'What does one long agent session cost? Set its size and its mix of input to output, and compare the models.',
  },
  { type: 'figure', chart: 'session-cost', controls: 'calculator' },

  { type: 'h2', id: 'policy', text: 'Policy: chips, rules and compute abroad' },
  {
    type: 'p',
    id: 'policy-context',
    text: 'Then there are the chips the models run on. Since {policyFirstMonth}, U.S. export controls have limited the accelerators Chinese labs can buy, and the rules have tightened and loosened several times, over Nvidia’s H20 and H200 in particular.{!policy-controls-changed-several-times} Some Chinese firms have also been reported to train models in leased data centres in Malaysia and Singapore. Our timeline lists {policyCount} events from {policyFirst} to {policyLast}.',
  },
  {
    type: 'p',
    text: 'The link to the usage numbers is context, not cause. We found no source that ties any model’s OpenRouter traffic to compute abroad. The timeline sits beside the usage series so the sequence is visible; it does not show a mechanism.',
  },
  { type: 'figure', chart: 'policy-timeline' },
  { type: 'figure', chart: 'policy-usage' },

  { type: 'h2', id: 'meaning', text: 'What it means, and what the data cannot say' },
  {
    type: 'p',
    id: 'meaning-lead',
    text: 'Chinese labs have built models that agent developers pick in volume, at prices the U.S. flagships do not match.{!flagships-cost-many-times-more} How far they lead depends on the count.{!counting-method-matters}{!every-count-latest-china} By the leaderboard sums, widely in most reported weeks and still in the latest,{!china-leads-latest-media-week} though the outlets’ own streak counts imply U.S.-led weeks in {gapImpliedPeriod} and {lateImpliedUsPeriod}.{!missing-week-implied-us}{!streaks-agree-with-authors-late} By the labs’ shares of all tokens, narrowly and not every week.{!authors-lead-flips} By OpenRouter’s own data from {apiFirstPeriod}, in every whole week, by less than the sums say.{!api-china-leads-every-whole-week}{!api-narrower-than-media}',
  },
  {
    type: 'p',
    text: 'Some things these numbers cannot tell. Tokens are counted by each model’s own tokenizer, so a token from one lab is not exactly a token from another. OpenRouter is one gateway among many ways to reach a model, and developers call the big U.S. labs directly too. The leaderboards list only their top entries.{!leaderboards-list-top-entries} Free and stealth models, which cost nothing to try, can move the rankings in a week.',
  },
  {
    type: 'p',
    id: 'meaning-sources',
    text: 'Every figure here is computed from the {sourceCount} sources the charts and the copy cite, listed with the counting methods, the gaps and the corrections on the [methodology page](methodology/).',
  },
];
