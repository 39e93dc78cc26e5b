import { and, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { requireChanged } from "../../db/guard.ts";
import { outbox, requestEvents, serviceRequests } from "../../db/schema/index.ts";
import type { RequestStatus } from "../../db/schema/service-requests.ts";
import type { Deps, Principal } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { checkIfMatch } from "./etag.ts";
import { allowedFrom, isActive, transitions, type Verb } from "./lifecycle.ts";
import { loadRequest } from "./load-request.ts";
import { eventRow, requestOutbox, type EventSpec } from "./request-event.ts";
import type { RequestRow, Viewer } from "./viewer.ts";

export interface Plan {
  /** Columns to change besides status, version and timestamps. */
  set?: Partial<RequestRow>;
  /** Where it ends up, if not the verb's usual state (a poor rating reopens). */
  to?: RequestStatus;
  note?: string | null;
  visibility?: "public" | "internal";
  data?: Record<string, unknown>;
  /** Timeline events after the verb's own (each also goes to the outbox). */
  more?: EventSpec[];
  /** Further statements for the same batch (dispute follow-ups …). */
  extra?: (next: RequestRow) => BatchItem<"sqlite">[];
}

export interface TransitionArgs {
  deps: Deps;
  caller: Principal;
  id: string;
  ifMatch: string | undefined;
}

/**
 * Every lifecycle verb goes through here: the caller must see the request (else 404) and be
 * allowed this verb on it (403); If-Match must name the current version (428/412); the verb must
 * be legal from the current state (409 naming the legal ones). Then ONE batch: the UPDATE
 * conditional on (id, status, version), the guard that aborts it if another request won the
 * race, the timeline events and their outbox messages.
 */
export async function applyTransition(
  { deps, caller, id, ifMatch }: TransitionArgs,
  verb: Verb,
  may: { check: (v: Viewer, row: RequestRow) => boolean; who: string },
  plan: (row: RequestRow, viewer: Viewer, at: number) => Promise<Plan> | Plan,
): Promise<{ row: RequestRow; viewer: Viewer }> {
  const { row, viewer } = await loadRequest(deps, caller, id, "requests:write");
  if (!may.check(viewer, row)) throw new AppError("forbidden", `Only ${may.who} may ${verb.replace("-", " ")} this request.`);
  checkIfMatch(ifMatch, row.version);
  const rule = transitions[verb];
  if (!(rule.from as readonly RequestStatus[]).includes(row.status)) {
    const allowed = allowedFrom(row.status);
    throw new AppError("invalid_transition", `A ${row.status} request cannot be ${rule.event.replace("_", " ")}; allowed: ${allowed.join(", ") || "none"}.`, {
      extensions: { status_now: row.status, allowed },
    });
  }
  const t = deps.now();
  const p = await plan(row, viewer, t);
  const to = p.to ?? rule.to;
  const next: RequestRow = { ...row, ...p.set, status: to, version: row.version + 1, active: isActive(to), updatedAt: t };
  const events: EventSpec[] = [
    { type: rule.event, fromStatus: row.status, toStatus: p.more?.length ? rule.to : to, note: p.note ?? null, visibility: p.visibility ?? "public", data: p.data ?? null },
    ...(p.more ?? []),
  ];
  // Keys and the columns the database derives from area_path are never written.
  const { id: _id, jurisdictionId: _j, areaTown: _t, areaCommunity: _c, areaGrid: _g, ...changes } = next;
  await deps.db.batch([
    deps.db
      .update(serviceRequests)
      .set(changes)
      .where(
        and(
          eq(serviceRequests.id, row.id),
          eq(serviceRequests.jurisdictionId, row.jurisdictionId),
          eq(serviceRequests.status, row.status),
          eq(serviceRequests.version, row.version),
        ),
      ),
    deps.db.run(requireChanged()),
    deps.db.insert(requestEvents).values(events.map((e) => eventRow(caller, row, t, e))),
    deps.db.insert(outbox).values(events.map((e) => requestOutbox(next, t, e.type, { from_status: e.fromStatus ?? null }))),
    ...(p.extra?.(next) ?? []),
  ]);
  return { row: next, viewer };
}
