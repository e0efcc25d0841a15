/**
 * Day and week arithmetic on ISO dates (YYYY-MM-DD, UTC), with d3-time doing the counting, so
 * that no module multiplies by 86,400,000 or walks weekdays by hand. Weeks run Monday to Sunday
 * (utcMonday), as OpenRouter's weekly leaderboard and the outlets' reports do.
 */
import { utcDay, utcMonday } from 'd3-time';

/** A Date at UTC midnight of an ISO date (a date-time is cut to its date). */
export const dayOf = (iso: string): Date => new Date(`${iso.slice(0, 10)}T00:00:00Z`);
/** The ISO date (YYYY-MM-DD, UTC) of a Date or a time in ms. */
export const isoDate = (d: Date | number): string => new Date(d).toISOString().slice(0, 10);
/** An ISO date shifted by some days, as an ISO date. */
export const addDays = (iso: string, days: number): string =>
  isoDate(utcDay.offset(dayOf(iso), days));
/** Whole days from ISO date a to ISO date b (negative when b is earlier). */
export const daysApart = (a: string, b: string): number => utcDay.count(dayOf(a), dayOf(b));
/** The Monday (ISO date) of the week that contains an ISO date. */
export const mondayOf = (iso: string): string => isoDate(utcMonday.floor(dayOf(iso)));
/** Days from a to b, each an ISO date (UTC midnight) or a date-time: fractional between
 *  date-times (captures are taken at any hour), so this is a duration, not a count of days. */
export const daysBetween = (a: string, b: string): number =>
  (Date.parse(b.length > 10 ? b : `${b}T00:00:00Z`) -
    Date.parse(a.length > 10 ? a : `${a}T00:00:00Z`)) /
  864e5;
