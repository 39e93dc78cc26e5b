import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { capDateTime } from "../../worker/lib/cap-time.ts";
import { periodOf, wallAsUtc, zonedMidnight, zonedParts } from "../../worker/lib/zoned-time.ts";

/**
 * Leaderboards and figures count by the local month, quarter and year of the jurisdiction. The
 * deployments are in China (no daylight saving), but the zone is configuration: these hold in
 * zones that skip or repeat an hour, at odd offsets, and in years Date.UTC misreads.
 */
const zones = ["Asia/Shanghai", "America/New_York", "Europe/London", "Australia/Lord_Howe", "America/Sao_Paulo", "Pacific/Chatham", "America/St_Johns", "UTC"];
const day = fc.record({ year: fc.integer({ min: 1980, max: 2040 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) });

describe("zoned calendar", () => {
  it("local midnight is the first instant of the local day, also where a change skips midnight", () => {
    fc.assert(
      fc.property(day, fc.constantFrom(...zones), (d, tz) => {
        const t = zonedMidnight(d.year, d.month, d.day, tz);
        const p = zonedParts(t, tz);
        expect([p.year, p.month, p.day]).toEqual([d.year, d.month, d.day]);
        // 00:00, or 01:00 on a day whose midnight the clocks skipped (São Paulo until 2019).
        expect(p.hour === 0 || (tz === "America/Sao_Paulo" && p.hour === 1)).toBe(true);
        expect([p.minute, p.second]).toEqual([0, 0]);
        const before = zonedParts(t - 1000, tz);
        expect([before.year, before.month, before.day]).not.toEqual([d.year, d.month, d.day]);
      }),
      { numRuns: 400 },
    );
  });

  it.each([
    // Clocks jumped from 00:00 to 01:00: the day began at the jump.
    ["America/Sao_Paulo", 2018, 11, 4, "2018-11-04T03:00:00.000Z"],
    ["Asia/Beirut", 2019, 3, 31, "2019-03-30T22:00:00.000Z"],
    ["America/Havana", 2019, 3, 10, "2019-03-10T05:00:00.000Z"],
    ["America/Santiago", 2019, 9, 8, "2019-09-08T04:00:00.000Z"],
    // Clocks went back from 00:00 to 23:00 the evening before: the day began at the only midnight it had.
    ["America/Sao_Paulo", 2019, 2, 17, "2019-02-17T03:00:00.000Z"],
    ["Asia/Beirut", 2019, 10, 27, "2019-10-26T22:00:00.000Z"],
  ])("%s: %i-%i-%i began at %s", (tz, y, m, d, iso) => {
    const t = zonedMidnight(y, m, d, tz);
    expect(new Date(t).toISOString()).toBe(iso);
    expect(zonedParts(t, tz)).toMatchObject({ year: y, month: m, day: d, minute: 0, second: 0 });
    expect(zonedParts(t - 1000, tz).day).not.toBe(d);
  });

  it("every instant falls in exactly the month, quarter and year its local date says", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1980, 0, 1), max: Date.UTC(2040, 0, 1) }), fc.constantFrom(...zones), (instant, tz) => {
        const local = zonedParts(instant, tz);
        const month = periodOf("month", tz, { instant });
        expect(month.label).toBe(`${local.year}-${String(local.month).padStart(2, "0")}`);
        const quarter = periodOf("quarter", tz, { instant });
        expect(quarter.label).toBe(`${local.year}-Q${Math.ceil(local.month / 3)}`);
        const year = periodOf("year", tz, { instant });
        expect(year.label).toBe(String(local.year));
        for (const p of [month, quarter, year]) {
          expect(instant).toBeGreaterThanOrEqual(p.start);
          expect(instant).toBeLessThan(p.end);
          // Periods tile: the next one starts where this one ends.
          expect(periodOf(p.kind, tz, { instant: p.end }).start).toBe(p.end);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("years before 100 are years, not 1900 plus", () => {
    expect(new Date(wallAsUtc(99, 12, 31)).toISOString()).toBe("0099-12-31T00:00:00.000Z");
    expect(new Date(wallAsUtc(0, 1, 1, 12, 30, 15)).toISOString()).toBe("0000-01-01T12:30:15.000Z");
    expect(new Date(wallAsUtc(100, 1, 1)).toISOString()).toBe("0100-01-01T00:00:00.000Z");
    expect(new Date(wallAsUtc(-1, 3, 1)).toISOString()).toBe("-000001-03-01T00:00:00.000Z");
    expect(new Date(wallAsUtc(2026, 13, 1)).toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });
});

describe("CAP date-times", () => {
  it("carry the zone's own offset, east or west of Greenwich, in whole seconds", () => {
    const t = Date.UTC(2026, 2, 2, 1, 0, 0, 750);
    expect(capDateTime(t, "Asia/Shanghai")).toBe("2026-03-02T09:00:00+08:00");
    expect(capDateTime(t, "America/St_Johns")).toBe("2026-03-01T21:30:00-03:30");
    expect(capDateTime(t, "Pacific/Chatham")).toBe("2026-03-02T14:45:00+13:45");
    expect(capDateTime(t, "UTC")).toBe("2026-03-02T01:00:00+00:00");
  });
});
