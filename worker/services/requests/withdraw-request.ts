import { applyTransition, type TransitionArgs } from "./apply-transition.ts";
import { isDesk, isFollower } from "./permissions.ts";
import type { RequestRow, Viewer } from "./viewer.ts";

const may = (v: Viewer, row: RequestRow) => isFollower(v, row) || isDesk(v);

/** The resident no longer needs it (or the desk records that they said so on the phone). */
export async function withdrawServiceRequest({ input, ...args }: TransitionArgs & { input: { reason?: string } }) {
  return applyTransition(args, "withdraw", { check: may, who: "the resident or the desk" }, (_row, _v, t) => ({ set: { closedAt: t }, note: input.reason ?? null }));
}
