import type { Deps, Principal } from "../../deps.ts";
import { assertScope } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import { isStaffViewer, viewerOf } from "../requests/viewer.ts";

/** Dispute lists are for staff; residents follow their case through the request. */
export async function staffViewer(deps: Deps, caller: Principal) {
  assertScope(caller, "requests:read");
  const viewer = await viewerOf(deps, caller);
  if (!isStaffViewer(viewer)) throw new AppError("forbidden", "Mediation records are for staff.");
  return viewer;
}

