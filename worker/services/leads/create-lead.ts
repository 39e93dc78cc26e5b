import { and, eq, ne } from "drizzle-orm";
import { outbox, taskSignups, tasks, volunteerLeads } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { newId } from "../../lib/ids.ts";
import { AppError } from "../../lib/problem.ts";
import { outboxEntry } from "../events/outbox-entry.ts";
import { areaPath } from "../places/area-scope.ts";
import { assertVolunteer } from "../tasks/task-access.ts";
import type { LeadRow } from "./present-lead.ts";

export interface CreateLeadInput {
  text: string;
  task_id?: string;
  location?: { lat: number; lng: number };
  area_id?: string;
}

const invalid = (pointer: string, detail: string) => new AppError("validation_failed", detail, { extensions: { errors: [{ pointer, detail }] } });

/**
 * A volunteer reports what they saw (线索). Linked to a task they are signed up for, it takes the
 * task's area; otherwise the area they name. `lead.created` tells the area's officers.
 */
export async function createLead({ deps, caller, input }: { deps: Deps; caller: Principal; input: CreateLeadInput }): Promise<LeadRow> {
  const user = assertVolunteer(caller);
  let area: { id: string; path: string } | null = null;
  if (input.task_id) {
    const [row] = await deps.db
      .select({ areaId: tasks.areaId, areaPath: tasks.areaPath })
      .from(taskSignups)
      .innerJoin(tasks, eq(tasks.id, taskSignups.taskId))
      .where(
        and(
          eq(taskSignups.taskId, input.task_id),
          eq(taskSignups.userId, user.id),
          eq(taskSignups.jurisdictionId, caller.jurisdictionId),
          ne(taskSignups.status, "withdrawn"),
        ),
      );
    if (!row) throw invalid("/body/task_id", "you are not signed up for this task");
    area = { id: row.areaId, path: row.areaPath };
  } else if (input.area_id) {
    const path = await areaPath(deps, caller.jurisdictionId, input.area_id).catch(() => {
      throw invalid("/body/area_id", "no such area in this jurisdiction");
    });
    area = { id: input.area_id, path };
  }
  const at = deps.now();
  const row: LeadRow = {
    id: newId("lead"),
    jurisdictionId: caller.jurisdictionId,
    userId: user.id,
    taskId: input.task_id ?? null,
    text: input.text,
    lat: input.location?.lat ?? null,
    lng: input.location?.lng ?? null,
    areaId: area?.id ?? null,
    areaPath: area?.path ?? null,
    photoKey: null,
    photoType: null,
    status: "new",
    requestId: null,
    convertedAt: null,
    convertedBy: null,
    createdAt: at,
    updatedAt: at,
  };
  await deps.db.batch([
    deps.db.insert(volunteerLeads).values(row),
    deps.db.insert(outbox).values(
      outboxEntry(caller.jurisdictionId, at, { type: "lead.created", payload: { lead_id: row.id, task_id: row.taskId, area_id: row.areaId } }),
    ),
  ]);
  return row;
}
