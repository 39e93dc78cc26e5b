import { applyTransition, type TransitionArgs } from "./apply-transition.ts";
import { isDesk, isFollower } from "./permissions.ts";
import type { RequestRow, Viewer } from "./viewer.ts";

// Residents may reopen what was resolved; only the desk reopens a closed file.
const may = (v: Viewer, row: RequestRow) => isDesk(v) || (isFollower(v, row) && row.status !== "closed");

/** The problem is back: to the desk for re-dispatch, one escalation level higher. */
export async function reopenServiceRequest({ input, ...args }: TransitionArgs & { input: { reason: string } }) {
  return applyTransition(args, "reopen", { check: may, who: "the resident (before closing) or the desk" }, (row) => {
    const escalationLevel = row.escalationLevel + 1;
    return {
      set: { escalationLevel, resolvedAt: null, closedAt: null },
      note: input.reason,
      data: { reason: "reopened", escalation_level: escalationLevel },
    };
  });
}
