/**
 * The corrections log, newest first. Add an entry whenever a published figure or sentence
 * changes because it was wrong or misleading: what the page said, what it says now, why.
 * `where` names the chart ids and the article's paragraph and step ids (src/story/article.aml)
 * under which a "Corrected <date>" note links to the entry; `gone` lists phrases of the old text
 * that must not appear on the built pages again (a test checks them).
 */
export interface Correction {
  id: string;
  date: string;
  where: { charts?: string[]; blocks?: string[] };
  said: string;
  now: string;
  why: string;
  gone: string[];
}

const FACT_CHECK = 'An independent fact-check of the article (December 2026)';

export const CORRECTIONS: Correction[] = [
  {
    id: 'author-week-to-1-april',
    date: '2026-12-06',
    where: { charts: ['share-by-method'] },
    said: 'The lab-shares count (top-9 authors in the daily captures) ran from 39.2% to 56.1%, and China was “ahead in five of seven weeks”.',
    now: 'The partial week to 1 April 2026 is counted (China 65.2% of the pair, drawn hollow as part of a week): the range runs to 65.2%, and China was ahead in six of eight weeks.',
    why: 'A second fact-check (December 2026, error 11): our weekly-reset rule missed the reset between the captures of 1 and 7 April, six days apart, because the new week’s counter had passed the old level by 8 April. A fall now counts as a reset when it persists, or when the counter recovers only more than 84 hours after the level it fell from.',
    gone: ['five of seven weeks'],
  },
  {
    id: 'top9-furthest',
    date: '2026-12-06',
    where: { blocks: ['counting-authors'] },
    said: '“A third count, the nine biggest models on the leaderboard, tilts furthest toward China: 76.2%.”',
    now: 'The top-9 count is compared only with the lab shares of the same week, which it exceeds; the outlets’ sums gave China more that week (76.6%).',
    why: 'A second fact-check (December 2026, error 3): the media sums beat the top-9 count in the same week and at their peaks.',
    gone: ['tilts furthest toward China'],
  },
  {
    id: 'stale-latest-reported',
    date: '2026-12-06',
    where: { blocks: ['counting-latest'] },
    said: '“By this count China’s share of the pair in the latest week reported in full, 18–24 May 2026, was 65.2%.”',
    now: 'Each count’s latest week is named where it stands: OpenRouter’s latest whole week, the outlets’ latest week with both figures (relayed second-hand) and their latest first-hand report.',
    why: 'A second fact-check (December 2026, error 5): later weeks had been reported, so “latest” was stale.',
    gone: ['the latest week reported in full'],
  },
  {
    id: 'description-cause',
    date: '2026-12-06',
    where: { blocks: ['dek'] },
    said: 'The page’s description for search and social media: “…what drove it (agents, price) and what sat behind it (chips)…”.',
    now: 'The description, like the dek, says agent workloads and low prices went with the shift and that the data cannot show a cause, and gives the scope.',
    why: 'A second fact-check (December 2026, errors 6 and 7): the description made a causal claim the dek had already withdrawn.',
    gone: ['what drove it'],
  },
  {
    id: 'agents-pick-in-volume',
    date: '2026-12-06',
    where: { blocks: ['meaning-limits'] },
    said: '“Chinese labs have built models that agent developers pick in volume, at prices the U.S. flagships do not match.”',
    now: 'Removed: nothing in the data ties an app to the origin of the models it calls, and the text now says so.',
    why: 'A second fact-check (December 2026, error 12): no chart or figure on the page showed it.',
    gone: ['agent developers pick in volume'],
  },
  {
    id: 'week-before-reported',
    date: '2026-12-06',
    where: { blocks: ['step-before', 'step-gaps'] },
    said: '“None that we found printed the totals for the week before.” The week of 2–8 March 2026 was drawn as our back-calculation, and 23 February – 1 March as a week with no figure whose U.S. lead the outlets’ streak counts implied.',
    now: 'AIbase printed 2–8 March (China 4.19 trillion tokens, up 34.9%; U.S. 3.63 trillion, down 8.5%), which is now a reported week; 23 February – 1 March is back-calculated from it (the U.S. ahead), and the text says that the outlets’ streak counts disagree about that week.',
    why: `A second fact-check (December 2026) found AIbase report 26065, which also calls 2–8 March China’s “second consecutive week” ahead, against Odaily’s “second” for 9–15 March.`,
    gone: ['None that we found printed the totals for the week before'],
  },
  {
    id: 'june-week-label',
    date: '2026-12-06',
    where: { blocks: ['counting-latest'] },
    said: '“…its platform total, 46.7 trillion tokens, is OpenRouter’s own total for 15–21 June 2026, so the label may be a week late.”',
    now: 'The 22–28 June report is treated as a correctly labelled week, and the sentence is gone.',
    why: 'OpenRouter’s own total for 22–28 June is also 46.7 trillion tokens, and the report’s per-model figures match 22–28 June exactly (DeepSeek-V4-Flash 4.66 trillion, MiMo-V2.5 4.48 trillion), not 15–21 June (a second fact-check, December 2026).',
    gone: ['so the label may be a week late'],
  },
  {
    id: 'tool-call-captures',
    date: '2026-12-02',
    where: { charts: ['tool-calls'], blocks: ['why-tools'] },
    said: 'The tool-calls chart counted every daily capture: “China’s listed models led the U.S.’s in 26 of 44 daily captures”, with China’s highest share “68.0% on 6 May”; the text said tool calls “leaned Chinese”, from the first capture alone.',
    now: 'The chart and the text use only captures whose tool-call section holds the tool-call panel; the others are set aside and listed on this page. On the clean captures the lead went both ways, and the U.S. led a run of captures in April.',
    why: `${FACT_CHECK} found that 18 of the 44 captures held other panels of the rankings page under the tool-call name: token counts, or a Google-led panel. The capture must be judged by its content.`,
    gone: ["led the U.S.'s in 26 of 44 daily captures", '68.0% on 6 May'],
  },
  {
    id: 'top9-phantom-weeks',
    date: '2026-12-02',
    where: { charts: ['share-by-method'] },
    said: 'The top-9 models count showed whole weeks to 28 April (61.2%) and to 5 May 2026 (68.1%), and China “ahead in seven of nine weeks”.',
    now: 'Those two weeks are gone: the captures that produced them are set aside.',
    why: 'The models section of the captures on 29-30 April and 6-7 May held another panel (led by Gemini 2.5 Flash Lite at about 45 million tokens), which our weekly-reset rule read as resets.',
    gone: ['seven of nine weeks'],
  },
  {
    id: 'dek-scope-cause',
    date: '2026-12-02',
    where: { blocks: ['dek'] },
    said: '“Models from Chinese labs processed nearly 59% of the tokens that Chinese and U.S. models handled between them on the gateway. Agents, prices and chips explain the shift.”',
    now: 'The share is of the tokens of the Chinese and U.S. models on the weekly leaderboard; agents and price go with the shift, and chip export controls are the backdrop, not a demonstrated cause.',
    why: 'The 59% is a share of leaderboard sums, which covered 45-59% of platform traffic in the weeks where a total is known; and the article’s own policy section finds no link between chips and the traffic.',
    gone: ['handled between them on the gateway', 'Agents, prices and chips explain the shift'],
  },
  {
    id: 'gap-narrower-attribution',
    date: '2026-12-02',
    where: { blocks: ['step-before'] },
    said: '“Reports called it the second week in a row with China ahead, and said the gap had been much narrower the week before.”',
    now: 'The narrower gap the week before is our back-calculation, and the text says so; no report said it.',
    why: 'No outlet we or the fact-check found printed that week’s figures or said the gap had been narrower.',
    gone: ['said the gap had been much narrower'],
  },
  {
    id: 'every-week-media-count',
    date: '2026-12-02',
    where: { charts: ['share-by-method'], blocks: ['step-gaps', 'meaning-lead'] },
    said: 'The share-by-method chart was titled “China led every week of the media’s count”; the conclusion said China led “by the leaderboard sums, clearly”; and the text said “‘Second week in a row’ holds only for the weeks either side of the gap.”',
    now: 'The outlets’ own “Nth week in a row” statements are data: they imply U.S.-led weeks on the same count (23 February-1 March and 20-26 April 2026), shown as implied, and the text says “second week in a row” was true only because the lead changed hands in between.',
    why: 'The media count has weeks with no figure, and the same outlets’ streak counts imply the U.S. led some of them; the old sentence about the gap was garbled (both streak weeks come after it).',
    gone: [
      'China led every week of the media',
      'by the leaderboard sums, clearly',
      'holds only for the weeks either side of the gap',
    ],
  },
  {
    id: 'openclaw-stars',
    date: '2026-12-02',
    where: { blocks: ['why-agents'] },
    said: '“OpenClaw … became GitHub’s most-starred project on 2 March 2026.”',
    now: 'OpenClaw overtook React as the most-starred software project on GitHub, according to Odaily; some lists and tutorials have more stars.',
    why: 'The only source, Odaily, says OpenClaw passed React; React was not the most-starred repository on GitHub.',
    gone: ['GitHub’s most-starred project'],
  },
  {
    id: 'stale-latest-week',
    date: '2026-12-02',
    where: { blocks: ['counting-why'] },
    said: '“In 4–10 May 2026, the latest week for which a platform total was also reported, …” and “China’s share of the pair in the latest week, 4–10 May 2026, was 67.9%.” The page said “Updated 1 December 2026” with data through 16 May.',
    now: 'The article runs to June 2026: the media weeks published since, and OpenRouter’s own daily data as a fourth count, in a new section. The byline gives the last day of the data and the build date.',
    why: 'Later weeks with platform totals had been published (30 March-5 April, 18-24 May, June), so “latest” was false.',
    gone: ['the latest week for which a platform total was also reported'],
  },
  {
    id: 'h20-revenue-share-date',
    date: '2026-12-02',
    where: { charts: ['policy-timeline', 'policy-usage'] },
    said: 'The timeline’s 14 July 2025 event said a reported condition of Nvidia’s H20 resumption was that 15% of the revenue go to the U.S. government; the AI Diffusion Rule was dated 15 January 2025; the H20 licence requirement was said to be indefinite from 9 April 2025.',
    now: 'The 15% arrangement is its own event on 11 August 2025, when it was first reported (the FT on 10 August, Reuters on 11 August); the rule is dated to its release on 13 January 2025; the H20 event says the requirement was made indefinite on 14 April.',
    why: 'The 15% deal was first reported four weeks after the July announcement; the other dates were those of publication and of a later notice.',
    gone: ['a reported condition was that 15% of that revenue'],
  },
  {
    id: 'hunter-alpha-figures',
    date: '2026-12-02',
    where: { blocks: ['why-context'] },
    said: 'Hunter Alpha “was the seventh model of the peg week with 666 billion tokens”, with no other figure.',
    now: 'The text gives Odaily’s figure as Odaily’s, and the figures that conflict with it: Reuters’ “more than 160 billion tokens in its first week” and about 56 billion a day on the model’s page.',
    why: 'The sources disagree by a factor of two or more, and we cannot tell which is right.',
    gone: ['and was the seventh model of the peg week'],
  },
  {
    id: 'flagship-multiple',
    date: '2026-12-02',
    where: { blocks: ['why-calculator'], charts: ['prices', 'score-vs-price'] },
    said: '“The U.S. flagships cost at least 9.5× as much”, leaving out Gemini 3.1 Pro Preview; the 10:1 blend was “roughly the mix Hunter Alpha’s page showed” and, in a chart note, “the mix seen on agent traffic”; the prices chart said Grok 4.1 Fast “is cheaper than seven of eight Chinese models”.',
    now: 'The four flagships cost 7.6× to 17.9× as much; the text says the blend rests on one snapshot (a later one showed about 35:1) and what that mix changes; Grok 4.1 Fast is cheaper on the blended price, not on output price.',
    why: 'Gemini 3.1 Pro Preview, which the article names the top scorer, breaks “at least 9.5×”; the blend was one undated snapshot, not agent traffic in general; on output price DeepSeek V3.2 and Step 3.5 Flash are cheaper than Grok.',
    gone: ['cost at least 9.5', 'the mix seen on agent traffic', 'roughly the mix Hunter Alpha'],
  },
  {
    id: 'author-share-peak',
    date: '2026-12-02',
    where: { charts: ['author-shares'] },
    said: 'The author-shares chart said the top author’s share “never passed 20%”.',
    now: 'It says so of week ends only.',
    why: 'Within weeks, Xiaomi had 23-28% of all tokens on 29 March-1 April and Alibaba’s Qwen 34% on 7 April.',
    gone: ["No lab dominates: the top author's share never passed"],
  },
  {
    id: 'source-count-and-originals',
    date: '2026-12-02',
    where: { blocks: ['meaning-sources'] },
    said: '“Every figure here is computed from the 85 sources”; several figures cited reposts or aggregators (Phemex, China AI Daily, a copy of the Federal Register, istrendingnow and type0), and two URLs could not be found or pointed at a test host.',
    now: 'The article counts only the sources its charts and copy use; each source has a kind (primary, secondary, repost, aggregator, capture) and a date or “undated”; figures cite the original where it is known (Odaily, SCMP, federalregister.gov, BTW Media).',
    why: 'Four listed sources were used for no figure, and a figure should rest on the original, not a copy.',
    gone: ['computed from the 85 sources'],
  },
];

/** The entries that concern a chart or a paragraph/step of the article. */
export const correctionsFor = (kind: 'charts' | 'blocks', id: string): Correction[] =>
  CORRECTIONS.filter((c) => c.where[kind]?.includes(id));
