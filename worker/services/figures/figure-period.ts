import type { Deps } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { zonedMidnight } from "../../lib/zoned-time.ts";
import { jurisdictionZone } from "../jurisdictions/jurisdiction-zone.ts";

const DAY = 86_400_000;
const DEFAULT_DAYS = 30;
/** Longer periods are a report for the archive, not a figure: they would scan years of rows per call. */
const MAX_DAYS = 366 * 3;

/**
 * Figures cover recorded time: from the epoch to the start of 9999's last day (UTC), so that every
 * instant answered keeps a four-digit year in any time zone.
 */
const EARLIEST = 0;
const LATEST = Date.UTC(9999, 11, 31);

/** `2026-03-01` is that day's midnight in the jurisdiction's zone; a full timestamp is taken as is. */
function instant(v: string, zone: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return Date.parse(v);
  const [y, m, d] = v.split("-").map(Number) as [number, number, number];
  return zonedMidnight(y, m, d, zone);
}

/**
 * The period every figure covers: `from` inclusive, `to` exclusive, each a local day or a
 * timestamp. By default the 30 days up to and including this very instant.
 */
export async function figurePeriod(deps: Deps, jurisdictionId: string, query: { from?: string; to?: string }) {
  const zone = await jurisdictionZone(deps, jurisdictionId);
  const to = query.to ? instant(query.to, zone) : deps.now() + 1;
  const from = query.from ? instant(query.from, zone) : to - DEFAULT_DAYS * DAY;
  for (const [name, at] of [["from", from], ["to", to]] as const) {
    if (query[name] && !(at >= EARLIEST && at <= LATEST)) {
      throw new AppError("validation_failed", "Figures cover the years 1970 to 9999.", {
        extensions: { errors: [{ pointer: `/query/${name}`, detail: "between 1970-01-01 and 9999-12-31" }] },
      });
    }
  }
  if (!(from < to) || to - from > MAX_DAYS * DAY) {
    throw new AppError("validation_failed", "The period must be non-empty and at most three years.", {
      extensions: { errors: [{ pointer: "/query/from", detail: "before `to`, within 3 years" }] },
    });
  }
  return { from, to, zone };
}
