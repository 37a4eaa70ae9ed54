/**
 * CQL date values: literals ("yyyy-MM-dd", "yyyy/MM/dd", optionally followed by " HH:mm") and the
 * date functions now(), startOf*()/endOf*() with an optional increment like "-4w" or "+1d".
 * Times are UTC (the site clock's zone); weeks start on Sunday as in the en_US locale.
 */

/** A resolved instant; `day` marks a date-only literal, which `=` matches for the whole day. */
export interface CqlInstant {
  ms: number;
  day: boolean;
}

const DATE_LITERAL = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?$/;
const INCREMENT = /^([+-]?)(\d{1,6})([yMwdhm]?)$/;

type Unit = "y" | "M" | "w" | "d" | "h" | "m";
type Period = "day" | "week" | "month" | "year";

const DAY_MS = 86_400_000;

export function parseDateLiteral(text: string): CqlInstant | null {
  const m = DATE_LITERAL.exec(text.trim());
  if (m === null) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4] ?? "0", m[5] ?? "0"].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Date.UTC(year, month - 1, day, hour, minute);
  const d = new Date(ms);
  // Reject overflowing dates such as 2024-02-31 or 25:00.
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day || d.getUTCHours() !== hour || d.getUTCMinutes() !== minute) return null;
  return { ms, day: m[4] === undefined };
}

function shift(ms: number, amount: number, unit: Unit): number {
  const d = new Date(ms);
  switch (unit) {
    case "y":
      d.setUTCFullYear(d.getUTCFullYear() + amount);
      return d.getTime();
    case "M":
      d.setUTCMonth(d.getUTCMonth() + amount);
      return d.getTime();
    case "w":
      return ms + amount * 7 * DAY_MS;
    case "d":
      return ms + amount * DAY_MS;
    case "h":
      return ms + amount * 3_600_000;
    case "m":
      return ms + amount * 60_000;
  }
}

function startOf(ms: number, period: Period): number {
  const d = new Date(ms);
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  switch (period) {
    case "day":
      return day;
    case "week":
      return day - d.getUTCDay() * DAY_MS;
    case "month":
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    case "year":
      return Date.UTC(d.getUTCFullYear(), 0, 1);
  }
}

const PERIOD_UNIT: Record<Period, Unit> = { day: "d", week: "w", month: "M", year: "y" };

const FUNCTIONS = new Map<string, { period: Period | null; end: boolean }>([
  ["now", { period: null, end: false }],
  ["startofday", { period: "day", end: false }],
  ["endofday", { period: "day", end: true }],
  ["startofweek", { period: "week", end: false }],
  ["endofweek", { period: "week", end: true }],
  ["startofmonth", { period: "month", end: false }],
  ["endofmonth", { period: "month", end: true }],
  ["startofyear", { period: "year", end: false }],
  ["endofyear", { period: "year", end: true }],
]);

export function isDateFunction(name: string): boolean {
  return FUNCTIONS.has(name.toLowerCase());
}

/** Evaluates a date function at `now`; a string describes why it cannot be evaluated. */
export function evaluateDateFunction(name: string, args: readonly string[], now: number): CqlInstant | string {
  const fn = FUNCTIONS.get(name.toLowerCase());
  if (fn === undefined) return `unknown function '${name}'`;
  if (args.length > 1) return `${name}() takes at most one argument`;
  let amount = 0;
  let unit: Unit = fn.period === null ? "d" : PERIOD_UNIT[fn.period];
  if (args.length === 1) {
    const m = INCREMENT.exec((args[0] as string).trim());
    if (m === null) return `'${args[0]}' is not a valid increment for ${name}() (expected e.g. "-4w" or "+1d")`;
    amount = Number(m[2]) * (m[1] === "-" ? -1 : 1);
    if (m[3] !== "") unit = m[3] as Unit;
  }
  if (fn.period === null) return { ms: shift(now, amount, unit), day: false };
  const period = fn.period;
  // An increment in the function's own unit moves the period (startOfMonth("-1") = last month);
  // any other unit offsets the boundary (startOfMonth("+14d") = the 15th of this month).
  const ownUnit = unit === PERIOD_UNIT[period];
  const reference = ownUnit ? shift(now, amount, unit) : now;
  const start = startOf(reference, period);
  const boundary = fn.end ? shift(start, 1, PERIOD_UNIT[period]) - 1 : start;
  return { ms: ownUnit ? boundary : shift(boundary, amount, unit), day: false };
}
