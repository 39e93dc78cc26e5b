const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at that instant, in minutes (+480 for Asia/Shanghai). */
export function zoneOffsetMinutes(ms: number, timeZone: string): number {
  let fmt = offsetFormats.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset", year: "numeric" });
    offsetFormats.set(timeZone, fmt);
  }
  const name = fmt.formatToParts(new Date(ms)).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
}

/** Midnight at the start of a calendar day (`2026-03-01`) in the zone, as epoch ms. */
export function zoneMidnight(day: string, timeZone: string): number {
  const utc = Date.parse(`${day}T00:00:00Z`);
  // Two passes: the offset at the guessed instant, then at the corrected one (DST edges).
  const first = utc - zoneOffsetMinutes(utc, timeZone) * 60_000;
  return utc - zoneOffsetMinutes(first, timeZone) * 60_000;
}

/**
 * `2026-03-02T09:00:00+08:00`: whole seconds with the zone's numeric offset, the form CAP 1.2
 * requires (it allows neither fractions nor `Z`). Written in the jurisdiction's own zone so a
 * reader sees local time.
 */
export function capDateTime(ms: number, timeZone: string): string {
  const offsetMin = zoneOffsetMinutes(ms, timeZone);
  const local = new Date(Math.floor(ms / 1000) * 1000 + offsetMin * 60_000).toISOString().slice(0, 19);
  const abs = Math.abs(offsetMin);
  return `${local}${offsetMin < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}
