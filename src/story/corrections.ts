/**
 * The corrections log, newest first, as the document gives it ([corrections] at the end of
 * src/story/article.aml, checked and located by src/story/document.ts). Add an entry there
 * whenever a published figure or sentence changes because it was wrong or misleading: what the
 * page said, what it says now, why. `charts` and `blocks` name the chart ids and the article's
 * paragraph and step ids under which a "Corrected <date>" note links to the entry; `gone` lists
 * phrases of the old text that must not appear on the built pages again (a test checks them).
 */
import { CORRECTION_LOG } from './article.ts';
import type { DocumentCorrection } from './document.ts';

export type Correction = Omit<DocumentCorrection, 'at'>;

export const CORRECTIONS: Correction[] = CORRECTION_LOG;
