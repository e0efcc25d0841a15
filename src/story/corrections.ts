/** The corrections log, newest first. Add an entry whenever a published figure or sentence changes. */
export interface Correction {
  date: string;
  what: string;
}

export const CORRECTIONS: Correction[] = [];
