/**
 * The article's copy, as content: typed blocks that the page renders in order. Text may use
 * {placeholders} (figures computed in facts.ts; {^name} capitalises), **bold**, *italics* and [links](url).
 * `claims` names the claims (facts.ts) a block's sentences depend on; the build fails when
 * one of them no longer holds. A chart id that does not exist also fails the build.
 */
import type { Head } from './prepare.ts';

export type Block =
  | { type: 'h2'; id: string; text: string }
  | { type: 'p'; text: string; claims?: string[] }
  | { type: 'figure'; chart: string; controls?: 'method' | 'calculator' }
  | { type: 'scrolly'; chart: string; steps: Array<{ state: string; text: string[]; claims?: string[] }> };

export const HEAD: Head = {
  kicker: 'AI usage · OpenRouter',
  title: 'Chinese AI models overtook American ones on OpenRouter. How far ahead depends on how you count',
  dek: 'In the week of {pegWeek}, models from Chinese labs processed {pegShareApprox} of the tokens that Chinese and U.S. models handled between them on the gateway. Agents, prices and chips explain the shift. The counting method explains its size.',
  description: 'How models from Chinese labs overtook U.S. models in weekly token volume on OpenRouter in early 2026, why (agents, price, chips), and how the answer changes with the counting method.',
  // "Overtook": China is still ahead in the latest week of the headline count.
  claims: ['china-leads-latest-media-week'],
};

export const ARTICLE: Block[] = [
  {
    type: 'scrolly',
    chart: 'weekly-tokens',
    steps: [
      {
        state: 'all',
        text: [
          'OpenRouter is a gateway for developers: one API, routed to models from dozens of labs. Each week it ranks models by the tokens they processed (the word fragments a model reads and writes). Chinese financial media add up that leaderboard by the country of each model’s maker.',
        ],
      },
      {
        state: 'peg',
        text: [
          'In the week of {pegWeek}, the sum gave models from Chinese labs **{pegCn}** ({pegCnWow} on the week before) and models from U.S. labs **{pegUs}** ({pegUsWow}). China’s share of the two combined: {pegShare}, or {pegShareApprox}.',
        ],
        claims: ['peg-china-leads'],
      },
      {
        state: 'before',
        text: [
          'Reports called it the second week in a row with China ahead, and said the gap had been much narrower the week before. We found no outlet that printed that week’s totals. Working back from the reported weekly changes gives {beforeCn} against {beforeUs} for {beforeWeek}: a {beforeShare} share and a gap of {beforeGap}, against {pegGap} a week later.',
          'Those points are drawn hollow because they are our calculation, not a report. Counting them, the peg week was the {pegStreakOrdinal} week running with China ahead.',
        ],
        claims: ['gap-narrower-week-before', 'week-before-is-derived'],
      },
      {
        state: 'gaps',
        text: [
          'The record has holes. The week of {missingWeeks} has no figure at all, so the line breaks there rather than guessing. And the same outlets had already put China ahead before that: in {earlyLeadWeeks}, with {firstLeadShare} of the pair in the first of them. “Second week in a row” holds only for the weeks either side of the gap.',
        ],
        claims: ['a-week-is-missing', 'china-led-in-february'],
      },
    ],
  },

  { type: 'h2', id: 'counting', text: 'How the count decides the answer' },
  {
    type: 'p',
    text: 'The headline totals add up the models that made the weekly leaderboard. They are not all of OpenRouter’s traffic. In {coverageWeek}, the latest week for which a platform total was also reported, Chinese models summed to {coverageCn} and U.S. models to {coverageUs}. Together that was only {coverageShare} of the {coverageTotal} the platform handled that week. By this count China’s share of the pair in the latest week, {latestMediaWeek}, was {latestMediaShare}.',
    claims: ['sums-under-half-of-platform'],
  },
  {
    type: 'p',
    text: 'A second count uses the rankings page itself, which shows each lab’s share of all tokens for the week so far. Daily captures of the page from {captureFirst} to {captureLast} give {authorWeeksCount} nearly complete weeks. On that measure, Chinese labs had {authorsFirstCnPct} of all tokens in the week to {authorsFirstWeek} and U.S. labs {authorsFirstUsPct}. That is {authorsFirstShare} of the pair, well short of what the leaderboard sums suggest.',
  },
  { type: 'figure', chart: 'share-by-method', controls: 'method' },
  {
    type: 'p',
    text: 'Then the lead changed hands. U.S. labs were ahead in the weeks to {authorsUsWeeks}, when China’s share of the pair fell as low as {authorsUsLowShare}. By the week to {authorsLastWeek}, {authorsLastLeader} was ahead again, with {authorsLastShare}: {authorsFlips} changes of leader in {authorWeeksCount} weeks.',
    claims: ['authors-lead-flips', 'authors-closer-than-media'],
  },
  { type: 'figure', chart: 'author-shares' },
  {
    type: 'p',
    text: 'A third count, the nine biggest models on the leaderboard, tilts furthest toward China: {modelsFirstShare} of the pair in the week to {modelsFirstWeek}. {^modelsFirstCnCount} of those {modelsFirstCount} models came from Chinese labs.',
    claims: ['top9-models-most-chinese', 'top9-models-mostly-chinese'],
  },
  { type: 'figure', chart: 'top-models' },

  { type: 'h2', id: 'technology', text: 'Technology: agents that never stop reading' },
  {
    type: 'p',
    text: 'Start with what the tokens were for. Autonomous agents plan, call tools and re-read their own work, so each request carries far more text than a chat message. OpenClaw, an open-source personal agent, became GitHub’s most-starred project on {openclawStarDate}. In the capture of {appsDate} it was the {openclawRank} app on OpenRouter by tokens: {openclawTokens} over {openclawRequests}, about {openclawTpr} tokens a request. Janitor AI, a role-play app, averaged {janitorTpr}. OpenClaw used {openclawVsJanitor} as many per request.',
    claims: ['openclaw-top-app', 'agents-burn-more-per-request'],
  },
  { type: 'figure', chart: 'app-intensity' },
  {
    type: 'p',
    text: 'Agents call tools, and the models they called leaned Chinese. In the capture of {toolCallsDate}, Chinese models among the nine with the most tool calls made {toolCallsCn} of all tool calls on the platform; U.S. models made {toolCallsUs}.',
    claims: ['tool-calls-lean-chinese'],
  },
  { type: 'figure', chart: 'tool-calls' },
  {
    type: 'p',
    text: 'Long sessions need long memory. A stealth model called Hunter Alpha appeared on {hunterLaunch} with a {hunterContext}-token context window, free of charge, and was the {hunterRank} model of the peg week with {hunterTokens}. On {hunterReveal} it was revealed to come from {hunterRevealedLab}, an early build of its MiMo-V2-Pro. It was listed under OpenRouter’s own name that week, so it was probably not in China’s total. Of the {contextKnownCount} models in our price table with a published context window, {millionContextCount} accept a million tokens or more.',
    claims: ['hunter-alpha-1m-context', 'hunter-alpha-free'],
  },
  { type: 'figure', chart: 'context-windows' },

  { type: 'h2', id: 'price', text: 'Price: good enough, for a fraction' },
  {
    type: 'p',
    text: 'Agents make price matter, because a session that reads and writes millions of tokens multiplies every cent. MiniMax M2.5 lists at {refInput} of input and {refOutput} of output. Claude Opus 4.6 lists at {opusInput} and {opusOutput}: {opusInputX} and {opusOutputX} as much.',
  },
  {
    type: 'p',
    text: 'Blend input and output at {blendRatio}, roughly the mix Hunter Alpha’s page showed, and M2.5 costs {refBlended}; DeepSeek V3.2 {deepseekBlended}. The U.S. flagships cost at least {flagshipMinX} as much. Cheap is not only Chinese, though: xAI’s Grok 4.1 Fast lists at {grokInput} and {grokOutput}, a blended {grokBlended}, below M2.5. {freeModelsSentence}',
    claims: ['flagships-cost-many-times-more', 'grok-cheaper-than-minimax'],
  },
  { type: 'figure', chart: 'prices' },
  {
    type: 'p',
    text: 'A low price only wins if the model is good enough for the job. The rankings page also lists an intelligence-index score. Set against price, {goodCheapCount} models score within {goodEnoughScore} of the top scorer, {topScoreModel}, at less than {goodEnoughPrice} its blended price: {goodCheapModels}.',
    claims: ['cheap-models-near-top-score'],
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
    text: 'Behind the models sit the chips. U.S. export controls have limited the accelerators Chinese labs can buy, and the rules have tightened and loosened several times since, over Nvidia’s H20 and H200 in particular. Some Chinese firms have also been reported to train models in leased data centres in Malaysia and Singapore. Our timeline lists {policyCount} events from {policyFirst} to {policyLast}.',
    claims: ['policy-timeline-spans-years'],
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
    text: 'Chinese labs have built models that agent developers pick in volume, at prices the U.S. flagships do not match. Whether they lead depends on the count: by the leaderboard sums, clearly; by the labs’ shares of all tokens, narrowly and not every week.',
    claims: ['china-leads-latest-media-week', 'authors-lead-flips', 'authors-closer-than-media', 'flagships-cost-many-times-more'],
  },
  {
    type: 'p',
    text: 'Some things these numbers cannot tell. Tokens are counted by each model’s own tokenizer, so a token from one lab is not exactly a token from another. OpenRouter is one gateway among many ways to reach a model, and developers call the big U.S. labs directly too. The leaderboards list only their top entries. Free and stealth models, which cost nothing to try, can move the rankings in a week.',
  },
  {
    type: 'p',
    text: 'Every figure here is computed from the {sourceCount} sources and the daily captures listed on the [methodology page](methodology/), where the counting methods, the gaps and the corrections are set out.',
  },
];
