import type { VolunteerFigures } from "./volunteer-figures.ts";

const columns = [
  "volunteer_hours",
  "active_volunteers",
  "attendances",
  "no_shows",
  "attendance_rate",
  "tasks_posted",
  "tasks_filled",
  "tasks_cancelled",
  "slots_offered",
  "slots_filled",
  "fill_rate",
  "leads",
  "leads_converted",
  "conversion_rate",
] as const;

/** RFC 4180 quoting, and a leading apostrophe on anything a spreadsheet would run as a formula. */
function cell(v: unknown): string {
  let s = v === null || v === undefined ? "" : String(v);
  if (/^[=+\-@\t\r]/.test(s) && typeof v === "string") s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The total first (scope `total`), then one row per child area (`direct` = work booked on the area itself). */
export function figuresCsv(f: VolunteerFigures): string {
  const header = ["period", "period_start", "period_end", "scope", "area_id", "area_name", ...columns];
  const p = [f.period.label, f.period.starts_at, f.period.ends_at];
  const lines = [header.join(",")];
  lines.push([...p, "total", f.area_id ?? "", "", ...columns.map((c) => f.totals[c])].map(cell).join(","));
  for (const r of f.by_area) lines.push([...p, r.direct ? "direct" : "child", r.area_id ?? "", r.area_name ?? "", ...columns.map((c) => r[c])].map(cell).join(","));
  return lines.join("\r\n") + "\r\n";
}
