/**
 * Calendar periods (month, quarter, year) in a jurisdiction's IANA time zone, as UTC instants.
 * Leaderboards and figures are judged per local month (月例会), quarter (季度考核) and year
 * (年终评优): an entry at 2026-03-31T16:30Z is 1 April in Shanghai and counts for April.
 * Uses Intl only, so it runs the same on Node and Workers.
 */
export const periodKinds = ["month", "quarter", "year"] as const;
export type PeriodKind = (typeof periodKinds)[number];

export interface Period {
  kind: PeriodKind;
  /** `2026-04`, `2026-Q2`, `2026`. */
  label: string;
  /** Inclusive start and exclusive end, epoch ms. */
  start: number;
  end: number;
  timezone: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock date and time in `timeZone` at `instant`. */
export function zonedParts(instant: number, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

/**
 * A wall-clock date and time read as if it were UTC, in epoch ms (months and days may overflow, as
 * with `Date.UTC`). `Date.UTC` takes years 0–99 as 1900–1999; those are computed 400 years on and
 * brought back by one whole Gregorian cycle (146,097 days), which repeats the calendar exactly.
 */
export function wallAsUtc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  if (year >= 100 || year < 0) return Date.UTC(year, month - 1, day, hour, minute, second);
  return Date.UTC(year + 400, month - 1, day, hour, minute, second) - 146_097 * 86_400_000;
}

/** How far `timeZone` is ahead of UTC at `instant`, in ms (Shanghai: +8 h). */
export function offsetAt(instant: number, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  return wallAsUtc(p.year, p.month, p.day, p.hour, p.minute, p.second) - Math.floor(instant / 1000) * 1000;
}

/** The instant of local midnight starting `year-month-day` in `timeZone` (month may overflow: 13 → next January). */
export function zonedMidnight(year: number, month: number, day: number, timeZone: string): number {
  const wall = wallAsUtc(year, month, day);
  const first = wall - offsetAt(wall, timeZone);
  // Re-read the offset at the answer: it differs when a DST change falls between the guess and the answer.
  const second = wall - offsetAt(first, timeZone);
  // Where the clocks jump over midnight (São Paulo until 2019, Beirut, Havana) there is no local
  // 00:00: one guess then lands in the evening before, and the day begins at the jump, the other.
  // Where 00:00 happens twice, the earlier one begins the day.
  const [early, late] = first < second ? [first, second] : [second, first];
  const p = zonedParts(early, timeZone);
  return wallAsUtc(p.year, p.month, p.day) >= wall ? early : late;
}

/** The period of `kind` containing the local date `date` (YYYY-MM-DD), or containing `instant` when no date is given. */
export function periodOf(kind: PeriodKind, timeZone: string, at: { date?: string; instant: number }): Period {
  let year: number, month: number;
  if (at.date) {
    [year, month] = at.date.split("-").map(Number) as [number, number];
  } else {
    ({ year, month } = zonedParts(at.instant, timeZone));
  }
  if (kind === "year") {
    return { kind, label: String(year), start: zonedMidnight(year, 1, 1, timeZone), end: zonedMidnight(year + 1, 1, 1, timeZone), timezone: timeZone };
  }
  if (kind === "quarter") {
    const q = Math.floor((month - 1) / 3);
    return {
      kind,
      label: `${year}-Q${q + 1}`,
      start: zonedMidnight(year, q * 3 + 1, 1, timeZone),
      end: zonedMidnight(year, q * 3 + 4, 1, timeZone),
      timezone: timeZone,
    };
  }
  return {
    kind,
    label: `${year}-${String(month).padStart(2, "0")}`,
    start: zonedMidnight(year, month, 1, timeZone),
    end: zonedMidnight(year, month + 1, 1, timeZone),
    timezone: timeZone,
  };
}
