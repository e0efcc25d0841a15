/**
 * The article's copy, as content: src/story/article.aml (ArchieML), read and validated by
 * src/story/document.ts into typed blocks that the page renders in order. Text may use
 * {placeholders} (figures computed in src/story/figures/; {^name} capitalises), **bold**,
 * *italics* and [links](url). A claim marker {!claim-id} right after a sentence binds that
 * sentence to a claim of the data (it renders nothing): the build fails when the claim no longer
 * holds, and a test fails on any sentence that compares, ranks or counts without a figure or a
 * claim. A chart id that does not exist also fails the build. Paragraph and step ids anchor
 * corrections (src/story/corrections.ts).
 * A review marker {?review} right after a sentence (it renders nothing) marks a sentence an
 * editor reads before it changes on the site: `npm run update` publishes new data by itself
 * unless the copy diff changes a marked sentence, and then holds the build for review.
 * This module keeps the names code and tests import (HEAD, ARTICLE, Block); the page reads the
 * document afresh on every build (src/publish/site/site-data.ts), so the dev server sees a save.
 */
import { loadArticle } from './document.ts';

export type { Block, Head, Step } from './document.ts';
export { ARTICLE_FILE, loadArticle } from './document.ts';

const document = loadArticle();
export const HEAD = document.head;
export const ARTICLE = document.blocks;
/** The methodology page's "More charts", with their words. */
export const MORE_CHARTS = document.more;
/** The corrections log, newest first ([corrections] of the document). */
export const CORRECTION_LOG = document.corrections;
