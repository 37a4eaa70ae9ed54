/** Date internals: periods, literals in a time zone, and the calendar functions (week start, month ends, DST). */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { calendarBoundary, parseDateLiteral, parseIncrement, parsePeriod } from "../../../src/emulator/jira/jql/dates.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const utc = (iso: string): number => Date.parse(iso);
/** Wednesday. */
const NOW = utc("2026-05-13T12:00:00Z");

function boundary(unit: Parameters<typeof calendarBoundary>[2], edge: "start" | "end", increment = "", now = NOW, zone = "UTC"): string {
  const parsed = increment === "" ? null : parseIncrement(increment, unit);
  if (increment !== "") assert.ok(parsed, increment);
  return new Date(calendarBoundary(now, zone, unit, edge, parsed)).toISOString();
}

describe("periods", () => {
  test("w, d, h and m (minutes), signed, combined", () => {
    assert.equal(parsePeriod("-7d"), -7 * DAY);
    assert.equal(parsePeriod("4w 2d"), 30 * DAY);
    assert.equal(parsePeriod("+1h"), HOUR);
    assert.equal(parsePeriod("30m"), 30 * MINUTE);
    assert.equal(parsePeriod("-1w2d"), -9 * DAY);
    assert.equal(parsePeriod("- 2h 30m"), -(2 * HOUR + 30 * MINUTE));
  });
  test("anything else is not a period", () => {
    for (const text of ["", "-", "7", "d", "1y", "-7x", "1d -2h", "1.5d", "yesterday"]) assert.equal(parsePeriod(text), null, text);
  });
});

describe("date literals", () => {
  test("absolute dates are read in the caller's zone", () => {
    assert.equal(parseDateLiteral("2026-05-01", false, NOW, "UTC"), utc("2026-05-01T00:00:00Z"));
    assert.equal(parseDateLiteral("2026/05/01 13:45", false, NOW, "UTC"), utc("2026-05-01T13:45:00Z"));
    assert.equal(parseDateLiteral("2026-05-01", false, NOW, "Asia/Tokyo"), utc("2026-04-30T15:00:00Z"));
    assert.equal(parseDateLiteral("2026-01-15 08:00", false, NOW, "America/New_York"), utc("2026-01-15T13:00:00Z"));
    assert.equal(parseDateLiteral("2026-07-15 08:00", false, NOW, "America/New_York"), utc("2026-07-15T12:00:00Z"));
    assert.equal(parseDateLiteral("2026-5-1", false, NOW, "UTC"), utc("2026-05-01T00:00:00Z"));
  });
  test("periods are relative to now; unquoted numbers are epoch milliseconds", () => {
    assert.equal(parseDateLiteral("-1d", false, NOW, "UTC"), NOW - DAY);
    assert.equal(parseDateLiteral("1778673600000", true, NOW, "UTC"), 1778673600000);
  });
  test("impossible dates are refused", () => {
    for (const text of [
      "2026-02-29",
      "2026-13-01",
      "2026-00-10",
      "2026-04-31",
      "2026-05-01 24:00",
      "2026-05-01 10:60",
      "26-05-01",
      "2026-05-01T10:00",
    ]) {
      assert.equal(parseDateLiteral(text, false, NOW, "UTC"), null, text);
    }
    assert.equal(parseDateLiteral("2028-02-29", false, NOW, "UTC"), utc("2028-02-29T00:00:00Z"));
  });
});

describe("calendar functions", () => {
  test("day, week (Sunday first), month and year boundaries", () => {
    assert.equal(boundary("day", "start"), "2026-05-13T00:00:00.000Z");
    assert.equal(boundary("day", "end"), "2026-05-13T23:59:59.999Z");
    assert.equal(boundary("week", "start"), "2026-05-10T00:00:00.000Z");
    assert.equal(boundary("week", "end"), "2026-05-16T23:59:59.999Z");
    assert.equal(boundary("month", "start"), "2026-05-01T00:00:00.000Z");
    assert.equal(boundary("month", "end"), "2026-05-31T23:59:59.999Z");
    assert.equal(boundary("year", "start"), "2026-01-01T00:00:00.000Z");
    assert.equal(boundary("year", "end"), "2026-12-31T23:59:59.999Z");
  });

  test("increments: unitless means the function's unit; y M w d h m otherwise", () => {
    assert.equal(boundary("day", "start", "-1"), "2026-05-12T00:00:00.000Z");
    assert.equal(boundary("week", "start", "1d"), "2026-05-11T00:00:00.000Z");
    assert.equal(boundary("month", "start", "-1"), "2026-04-01T00:00:00.000Z");
    assert.equal(boundary("month", "end", "-1M"), "2026-04-30T23:59:59.999Z");
    assert.equal(boundary("month", "end", "-3M"), "2026-02-28T23:59:59.999Z");
    assert.equal(boundary("year", "start", "+1"), "2027-01-01T00:00:00.000Z");
    assert.equal(boundary("day", "start", "+2h"), "2026-05-13T02:00:00.000Z");
    assert.equal(boundary("day", "end", "-30m"), "2026-05-13T23:29:59.999Z");
  });

  test("a month increment clamps to the month's last day", () => {
    assert.equal(boundary("day", "start", "-1M", utc("2026-03-31T10:00:00Z")), "2026-02-28T00:00:00.000Z");
  });

  test("boundaries follow the zone across a DST change (Europe/Paris, 2026-03-29)", () => {
    const now = utc("2026-03-29T12:00:00Z");
    assert.equal(boundary("day", "start", "", now, "Europe/Paris"), "2026-03-28T23:00:00.000Z");
    assert.equal(boundary("day", "end", "", now, "Europe/Paris"), "2026-03-29T21:59:59.999Z");
    assert.equal(boundary("day", "start", "-1", now, "Europe/Paris"), "2026-03-27T23:00:00.000Z");
    assert.equal(boundary("day", "start", "+1", now, "Europe/Paris"), "2026-03-29T22:00:00.000Z");
  });

  test("malformed increments are refused", () => {
    for (const text of ["", "x", "1x", "--1", "1.5d", "1234567d", "1 d"]) assert.equal(parseIncrement(text, "day"), null, text);
  });
});
