import { offsetAt, zonedParts } from "./zoned-time.ts";

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/**
 * `2026-03-02T09:00:00+08:00`: whole seconds with the zone's numeric offset, the form CAP 1.2
 * requires (it allows neither fractions nor `Z`), and valid RFC 3339 for Atom too. Written in the
 * jurisdiction's own zone so a reader sees local time.
 */
export function capDateTime(ms: number, timeZone: string): string {
  const p = zonedParts(ms, timeZone);
  const offsetMin = Math.round(offsetAt(ms, timeZone) / 60_000);
  const abs = Math.abs(offsetMin);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${offsetMin < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
