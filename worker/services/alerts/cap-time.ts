const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * `2026-03-02T09:00:00+08:00`: whole seconds with the zone's numeric offset, the form CAP 1.2
 * requires (it allows neither fractions nor `Z`). Written in the jurisdiction's own zone so a
 * reader sees local time.
 */
export function capDateTime(ms: number, timeZone: string): string {
  let fmt = offsetFormats.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset", year: "numeric" });
    offsetFormats.set(timeZone, fmt);
  }
  const name = fmt.formatToParts(new Date(ms)).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  const sign = m ? (m[1] === "-" ? -1 : 1) : 1;
  const offsetMin = m ? sign * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
  const local = new Date(Math.floor(ms / 1000) * 1000 + offsetMin * 60_000).toISOString().slice(0, 19);
  const abs = Math.abs(offsetMin);
  return `${local}${offsetMin < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}
