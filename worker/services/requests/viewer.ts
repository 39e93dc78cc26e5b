import { and, eq, inArray, or, type SQL } from "drizzle-orm";
import { areas, serviceRequests } from "../../db/schema/index.ts";
import type { Deps, Principal, Role } from "../../deps.ts";
import { callerIdentity, isAdmin } from "../../lib/authz.ts";
import { withinPath } from "../places/area-scope.ts";

export type RequestRow = typeof serviceRequests.$inferSelect;

/**
 * Who is looking at requests, and so what they may see:
 * - desk: dispatchers, admins (users, through a key holding `admin`), admin and integration keys —
 *   the whole jurisdiction;
 * - staff: officers, grid workers, department staff, and an admin user through a key without
 *   `admin` (a token does no more than its key and its role both allow) — their agency's requests
 *   and their areas';
 * - resident: residents and volunteers — only requests they follow;
 * - channel: an app, kiosk or public-account key acting without a user — what it filed itself,
 *   without a user (a kiosk never lists what residents signed in at it filed), through this key or
 *   any key of its rotation lineage (`callerIdentity`, as `submitted_by` records it; the audit log
 *   keeps the exact key that acted).
 */
export type Viewer =
  | { kind: "desk"; role: Role | null; userId: string | null }
  | { kind: "staff"; role: Role; userId: string; agencyId: string | null; areaPaths: string[] }
  | { kind: "resident"; userId: string }
  | { kind: "channel"; keyId: string; filer: string };


const viewers = new WeakMap<Principal, Viewer>();

export async function viewerOf(deps: Deps, p: Principal): Promise<Viewer> {
  const cached = viewers.get(p);
  if (cached) return cached;
  let v: Viewer;
  const u = p.user;
  if (!u) {
    v = p.keyKind === "admin" || p.keyKind === "integration" ? { kind: "desk", role: null, userId: null } : { kind: "channel", keyId: p.keyId, filer: callerIdentity(p) };
  } else if (u.role === "dispatcher" || (u.role === "admin" && isAdmin(p))) {
    v = { kind: "desk", role: u.role, userId: u.id };
  } else if (u.role === "officer" || u.role === "grid_worker" || u.role === "department_staff" || u.role === "admin") {
    const rows = u.areaIds.length
      ? await deps.db
          .select({ path: areas.path })
          .from(areas)
          .where(and(eq(areas.jurisdictionId, p.jurisdictionId), inArray(areas.id, [...u.areaIds])))
      : [];
    v = { kind: "staff", role: u.role, userId: u.id, agencyId: u.agencyId, areaPaths: rows.map((r) => r.path) };
  } else {
    v = { kind: "resident", userId: u.id };
  }
  viewers.set(p, v);
  return v;
}

export const isStaffViewer = (v: Viewer) => v.kind === "desk" || v.kind === "staff";

export function canSee(v: Viewer, row: RequestRow): boolean {
  switch (v.kind) {
    case "desk":
      return true;
    case "staff":
      return (v.agencyId !== null && row.agencyId === v.agencyId) || (row.areaPath !== null && v.areaPaths.some((p) => row.areaPath!.startsWith(p)));
    case "resident":
      return row.reporterUserId === v.userId;
    case "channel":
      return row.submittedBy === v.filer;
  }
}

/** The same rule as `canSee`, as a WHERE condition for lists (undefined = no restriction). */
export function visibleWhere(v: Viewer): SQL | undefined {
  const r = serviceRequests;
  switch (v.kind) {
    case "desk":
      return undefined;
    case "staff": {
      const parts: SQL[] = v.areaPaths.map((p) => withinPath(r.areaPath, p));
      if (v.agencyId) parts.push(eq(r.agencyId, v.agencyId));
      // Staff with neither an agency nor areas see nothing; `id = ''` matches no row.
      return parts.length ? or(...parts) : eq(r.id, "");
    }
    case "resident":
      return eq(r.reporterUserId, v.userId);
    case "channel":
      return eq(r.submittedBy, v.filer);
  }
}
