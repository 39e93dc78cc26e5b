import { and, eq } from "drizzle-orm";
import { auditLog, tasks, volunteerTeams } from "../../db/schema/index.ts";
import type { TaskKind } from "../../db/schema/tasks.ts";
import type { Deps, Principal } from "../../deps.ts";
import { newId } from "../../lib/ids.ts";
import { AppError } from "../../lib/problem.ts";
import { actorOf, auditEntry } from "../audit/record-audit.ts";
import { areaPath } from "../places/area-scope.ts";
import { assertStaffFor, taskManagerRoles } from "./task-access.ts";
import { publishedEvents } from "./task-events.ts";

export interface CreateTaskInput {
  kind: TaskKind;
  title: string;
  description?: string;
  urgent?: boolean;
  location: { lat: number; lng: number };
  radius_m: number;
  address?: string;
  area_id: string;
  starts_at: string;
  ends_at: string;
  check_in_slack_minutes: number;
  capacity: number;
  points_per_hour: number;
  no_show_penalty?: number;
  requires_verified?: boolean;
  required_skills: string[];
  team_id?: string | null;
  publish: boolean;
}

const MAX_DURATION_MS = 7 * 24 * 3_600_000;

const invalid = (pointer: string, detail: string) => new AppError("validation_failed", detail, { extensions: { errors: [{ pointer, detail }] } });

export async function createTask({ deps, caller, input, requestId }: { deps: Deps; caller: Principal; input: CreateTaskInput; requestId?: string }) {
  const path = await areaPath(deps, caller.jurisdictionId, input.area_id).catch(() => {
    throw invalid("/body/area_id", "no such area in this jurisdiction");
  });
  assertStaffFor(caller, "tasks:write", taskManagerRoles, path);
  const t = deps.now();
  const startsAt = Date.parse(input.starts_at);
  const endsAt = Date.parse(input.ends_at);
  if (endsAt <= startsAt) throw invalid("/body/ends_at", "must be after starts_at");
  if (endsAt - startsAt > MAX_DURATION_MS) throw invalid("/body/ends_at", "a task lasts at most 7 days; post a series instead");
  if (endsAt <= t) throw invalid("/body/ends_at", "must be in the future");
  if (input.team_id) {
    const [team] = await deps.db
      .select({ id: volunteerTeams.id })
      .from(volunteerTeams)
      .where(and(eq(volunteerTeams.id, input.team_id), eq(volunteerTeams.jurisdictionId, caller.jurisdictionId)));
    if (!team) throw invalid("/body/team_id", "no such team in this jurisdiction");
  }
  // A missing-person search is urgent by nature: it is broadcast whatever the poster ticked.
  const urgent = input.kind === "missing_person_search" || input.urgent === true;
  const row: typeof tasks.$inferSelect = {
    id: newId("task"),
    jurisdictionId: caller.jurisdictionId,
    kind: input.kind,
    title: input.title,
    description: input.description ?? null,
    urgent,
    lat: input.location.lat,
    lng: input.location.lng,
    radiusM: input.radius_m,
    address: input.address ?? null,
    areaId: input.area_id,
    areaPath: path,
    startsAt,
    endsAt,
    checkInSlackMinutes: input.check_in_slack_minutes,
    capacity: input.capacity,
    pointsPerHour: input.points_per_hour,
    noShowPenalty: input.no_show_penalty ?? input.points_per_hour,
    requiresVerified: input.requires_verified ?? false,
    requiredSkills: [...new Set(input.required_skills)].sort(),
    teamId: input.team_id ?? null,
    status: input.publish ? "open" : "draft",
    postedBy: actorOf(caller),
    agencyId: caller.user?.agencyId ?? null,
    cancelReason: null,
    publishedAt: input.publish ? t : null,
    completedAt: null,
    cancelledAt: null,
    createdAt: t,
    updatedAt: t,
  };
  await deps.db.batch([
    deps.db.insert(tasks).values(row),
    deps.db.insert(auditLog).values(
      auditEntry(caller, t, { action: "task.created", subjectType: "task", subjectId: row.id, detail: { kind: row.kind, status: row.status }, requestId }),
    ),
    ...(input.publish ? [publishedEvents(deps, row, t, row.agencyId)] : []),
  ]);
  return row;
}
