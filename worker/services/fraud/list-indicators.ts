import { and, desc, eq, or } from "drizzle-orm";
import { fraudIndicators, fraudReports } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertScope } from "../../lib/authz.ts";
import { afterCursor } from "../../db/keyset.ts";
import { toPage } from "../../lib/pagination.ts";
import { AppError } from "../../lib/problem.ts";
import { assertFraudStaff } from "./manage.ts";
import { presentIndicator, presentReport, presentReportForStaff } from "./present.ts";
import { reporterOf } from "./report-indicator.ts";

export async function getIndicator({ deps, caller, id }: { deps: Deps; caller: Principal; id: string }) {
  assertFraudStaff(caller);
  const [row] = await deps.db.select().from(fraudIndicators).where(and(eq(fraudIndicators.id, id), eq(fraudIndicators.jurisdictionId, caller.jurisdictionId)));
  if (!row) throw new AppError("not_found", "No such indicator.");
  return row;
}

type Page = { limit: number; cursor?: string };

/** The review queue: most recently reported first. */
export async function listIndicators({ deps, caller, query }: { deps: Deps; caller: Principal; query: Page & { status?: "reported" | "confirmed" | "dismissed"; kind?: (typeof fraudIndicators.$inferSelect)["kind"] } }) {
  assertFraudStaff(caller);
  const rows = await deps.db
    .select()
    .from(fraudIndicators)
    .where(
      and(
        eq(fraudIndicators.jurisdictionId, caller.jurisdictionId),
        query.status ? eq(fraudIndicators.status, query.status) : undefined,
        query.kind ? eq(fraudIndicators.kind, query.kind) : undefined,
        afterCursor(query.cursor, [{ col: fraudIndicators.lastReportedAt, desc: true }, { col: fraudIndicators.id, desc: true }]),
      ),
    )
    .orderBy(desc(fraudIndicators.lastReportedAt), desc(fraudIndicators.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (r) => [r.lastReportedAt, r.id], presentIndicator);
}

/** Reports of one indicator, for staff reviewing it. */
export async function listIndicatorReports({ deps, caller, id, query }: { deps: Deps; caller: Principal; id: string; query: Page }) {
  const indicator = await getIndicator({ deps, caller, id });
  const rows = await deps.db
    .select()
    .from(fraudReports)
    .where(
      and(
        eq(fraudReports.indicatorId, id),
        eq(fraudReports.jurisdictionId, caller.jurisdictionId),
        afterCursor(query.cursor, [{ col: fraudReports.createdAt, desc: true }, { col: fraudReports.id, desc: true }]),
      ),
    )
    .orderBy(desc(fraudReports.createdAt), desc(fraudReports.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (r) => [r.createdAt, r.id], (r) => presentReportForStaff(r, indicator));
}

/** A resident's (or kiosk's) own reports, to follow what became of them. */
export async function listMyReports({ deps, caller, query }: { deps: Deps; caller: Principal; query: Page }) {
  assertScope(caller, "fraud:report");
  const rows = await deps.db
    .select({ report: fraudReports, indicator: fraudIndicators })
    .from(fraudReports)
    .innerJoin(fraudIndicators, eq(fraudIndicators.id, fraudReports.indicatorId))
    .where(
      and(
        eq(fraudReports.jurisdictionId, caller.jurisdictionId),
        eq(fraudReports.reporter, reporterOf(caller)),
        afterCursor(query.cursor, [{ col: fraudReports.createdAt, desc: true }, { col: fraudReports.id, desc: true }]),
      ),
    )
    .orderBy(desc(fraudReports.createdAt), desc(fraudReports.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (r) => [r.report.createdAt, r.report.id], (r) => presentReport(r.report, r.indicator));
}
