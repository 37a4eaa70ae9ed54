/**
 * Dates in JQL: absolute literals ('2026-05-01', '2026/05/01 13:45'), periods relative to now ('-7d', '4w 2d'),
 * epoch-millisecond numbers, and the calendar functions (startOfDay(), endOfWeek("-1w"), ...).
 * Wall-clock values are read in the caller's time zone, as Jira does. No Date.now: `now` always comes from the context.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** A wall-clock time in some zone; month is 1-based. Fields may overflow before normalisation. */
interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** How to read wall-clock time in a zone: UTC directly, any other zone through Intl. */
type ZoneReader = { utc: true } | { utc: false; formatter: Intl.DateTimeFormat };

const readers = new Map<string, ZoneReader>();
const MAX_ZONES = 1_000;

function readerFor(timeZone: string): ZoneReader {
  let reader = readers.get(timeZone);
  if (!reader) {
    try {
      const formatter = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
      reader = formatter.resolvedOptions().timeZone === "UTC" ? { utc: true } : { utc: false, formatter };
    } catch {
      reader = { utc: true }; // unknown zone: UTC, never a crash
    }
    if (readers.size >= MAX_ZONES) readers.clear();
    readers.set(timeZone, reader);
  }
  return reader;
}

/** The range of a JavaScript Date (and comfortably beyond any Jira date). */
export const MAX_INSTANT = 8.64e15;

/** Whether an instant can be represented as a date. */
export function isRepresentable(instant: number): boolean {
  return Number.isFinite(instant) && Math.abs(instant) <= MAX_INSTANT;
}

/** The wall-clock reading of an instant in a zone (instants outside Date's range are clamped: never a RangeError). */
function toWall(instant: number, timeZone: string): WallTime {
  const epoch = Number.isNaN(instant) ? 0 : Math.max(-MAX_INSTANT, Math.min(MAX_INSTANT, instant));
  const reader = readerFor(timeZone);
  const date = new Date(epoch);
  if (reader.utc) {
    return {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: date.getUTCHours(),
      minute: date.getUTCMinutes(),
      second: date.getUTCSeconds(),
      millisecond: date.getUTCMilliseconds(),
    };
  }
  const parts = reader.formatter.formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    hour: get("hour"),
    minute: get("minute"),
    second: get("second"),
    millisecond: ((epoch % 1000) + 1000) % 1000,
  };
}

function wallAsUtc(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
}

/** The instant at which the zone's clock shows `wall` (the earlier one across a DST overlap). */
function fromWall(wall: WallTime, timeZone: string): number {
  const asUtc = wallAsUtc(wall);
  const offsetAt = (epoch: number): number => wallAsUtc(toWall(epoch, timeZone)) - epoch;
  let guess = asUtc - offsetAt(asUtc);
  guess = asUtc - offsetAt(guess);
  return guess;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isValidCalendarDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const ABSOLUTE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/;
const PERIOD_PART = /([0-9]+)\s*([wdhmWDHM])/y;

/** A period like '-7d', '4w 2d', '+1h', '30m' (m = minutes) in milliseconds, or null. */
export function parsePeriod(text: string): number | null {
  let rest = text.trim();
  let sign = 1;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    sign = rest.startsWith("-") ? -1 : 1;
    rest = rest.slice(1).trim();
  }
  if (rest === "" || rest.length > 200) return null;
  let total = 0;
  let index = 0;
  while (index < rest.length) {
    PERIOD_PART.lastIndex = index;
    const match = PERIOD_PART.exec(rest);
    if (!match) return null;
    const amount = Number(match[1]);
    const unit = (match[2] as string).toLowerCase();
    total += amount * (unit === "w" ? WEEK : unit === "d" ? DAY : unit === "h" ? HOUR : MINUTE);
    index = PERIOD_PART.lastIndex;
    while (index < rest.length && rest[index] === " ") index++;
  }
  return Number.isFinite(total) ? sign * total : null;
}

/**
 * Reads a date literal: a period relative to `now`, an absolute date (optionally with HH:mm) in `timeZone`,
 * or (when `numeric`) epoch milliseconds. Null when the text is not a valid date.
 */
export function parseDateLiteral(text: string, numeric: boolean, now: number, timeZone: string): number | null {
  if (numeric) {
    const ms = Number(text);
    return Number.isSafeInteger(ms) && isRepresentable(ms) ? ms : null;
  }
  const period = parsePeriod(text);
  if (period !== null) return isRepresentable(now + period) ? now + period : null;
  const match = ABSOLUTE.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const hour = match[4] === undefined ? 0 : Number(match[4]);
  const minute = match[5] === undefined ? 0 : Number(match[5]);
  if (!isValidCalendarDate(year, month, day) || hour > 23 || minute > 59) return null;
  return fromWall({ year, month, day, hour, minute, second: 0, millisecond: 0 }, timeZone);
}

/** Days since 1970-01-01 of the calendar day an instant falls on in `timeZone`. */
export function dayNumberOfInstant(epoch: number, timeZone: string): number {
  const wall = toWall(epoch, timeZone);
  return Math.floor(Date.UTC(wall.year, wall.month - 1, wall.day) / DAY);
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date, or null when malformed. */
export function dayNumberOfIsoDate(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!isValidCalendarDate(year, month, day)) return null;
  return Math.floor(Date.UTC(year, month - 1, day) / DAY);
}

export type CalendarUnit = "year" | "month" | "week" | "day";

const INCREMENT = /^([+-]?)([0-9]{1,6})([yMwdhm]?)$/;

type IncrementUnit = "y" | "M" | "w" | "d" | "h" | "m";

function unitLetter(unit: CalendarUnit): IncrementUnit {
  return unit === "year" ? "y" : unit === "month" ? "M" : unit === "week" ? "w" : "d";
}

function addToWall(wall: WallTime, amount: number, unit: IncrementUnit): WallTime {
  const next = { ...wall };
  switch (unit) {
    case "y":
      next.year += amount;
      next.day = Math.min(next.day, daysInMonth(next.year, next.month));
      break;
    case "M": {
      const monthIndex = next.year * 12 + (next.month - 1) + amount;
      next.year = Math.floor(monthIndex / 12);
      next.month = monthIndex - next.year * 12 + 1;
      next.day = Math.min(next.day, daysInMonth(next.year, next.month));
      break;
    }
    case "w":
      next.day += 7 * amount;
      break;
    case "d":
      next.day += amount;
      break;
    case "h":
      next.hour += amount;
      break;
    case "m":
      next.minute += amount;
      break;
  }
  // Normalise overflowing days/hours/minutes through UTC arithmetic on the wall reading.
  const normal = new Date(wallAsUtc(next));
  return {
    year: normal.getUTCFullYear(),
    month: normal.getUTCMonth() + 1,
    day: normal.getUTCDate(),
    hour: normal.getUTCHours(),
    minute: normal.getUTCMinutes(),
    second: normal.getUTCSeconds(),
    millisecond: normal.getUTCMilliseconds(),
  };
}

function startOfUnit(wall: WallTime, unit: CalendarUnit): WallTime {
  const start: WallTime = { ...wall, hour: 0, minute: 0, second: 0, millisecond: 0 };
  switch (unit) {
    case "year":
      return { ...start, month: 1, day: 1 };
    case "month":
      return { ...start, day: 1 };
    case "week": {
      // Weeks start on Sunday, as for Jira's default (en-US) locale.
      const weekday = new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay();
      return addToWall(start, -weekday, "d");
    }
    case "day":
      return start;
  }
}

/** Parses a calendar-function increment such as "-1", "+2d", "-1M"; unitless means the function's own unit. */
export function parseIncrement(text: string, unit: CalendarUnit): { amount: number; unit: IncrementUnit } | null {
  const match = INCREMENT.exec(text.trim());
  if (!match) return null;
  const amount = Number(match[2]) * (match[1] === "-" ? -1 : 1);
  const letter = (match[3] === "" ? unitLetter(unit) : match[3]) as IncrementUnit;
  return { amount, unit: letter };
}

/**
 * startOfDay()/endOfMonth("-1M")/...: the start (or end: one millisecond before the next start) of the
 * current period in `timeZone`, shifted by the increment.
 */
export function calendarBoundary(
  now: number,
  timeZone: string,
  unit: CalendarUnit,
  edge: "start" | "end",
  increment: { amount: number; unit: IncrementUnit } | null,
): number {
  let start = startOfUnit(toWall(now, timeZone), unit);
  if (increment) start = addToWall(start, increment.amount, increment.unit);
  if (edge === "start") return fromWall(start, timeZone);
  return fromWall(addToWall(start, 1, unitLetter(unit)), timeZone) - 1;
}
