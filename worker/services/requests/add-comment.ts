import { outbox, requestEvents } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { loadRequest } from "./load-request.ts";
import { presentEvent } from "./present-event.ts";
import { eventRow, requestOutbox } from "./request-event.ts";
import { isStaffViewer } from "./viewer.ts";

/**
 * A note on the timeline: `public` reaches the resident, `internal` stays between staff. It does
 * not change the request's version, so it never invalidates someone else's If-Match.
 */
export async function addServiceRequestComment({
  deps,
  caller,
  id,
  input,
}: {
  deps: Deps;
  caller: Principal;
  id: string;
  input: { body: string; visibility?: "public" | "internal" };
}) {
  const { row, viewer } = await loadRequest(deps, caller, id, "requests:write");
  const visibility = input.visibility ?? "public";
  if (visibility === "internal" && !isStaffViewer(viewer)) throw new AppError("forbidden", "Only staff write internal notes.");
  const t = deps.now();
  const event = eventRow(caller, row, t, { type: "commented", note: input.body, visibility });
  await deps.db.batch([
    deps.db.insert(requestEvents).values(event),
    deps.db.insert(outbox).values(requestOutbox(row, t, "commented", { visibility })),
  ]);
  return presentEvent({ ...event, data: null, fromStatus: null, toStatus: null, note: input.body } as typeof requestEvents.$inferSelect, viewer);
}
