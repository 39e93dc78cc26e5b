import { outbox } from "../../db/schema/index.ts";
import type { Deps } from "../../deps.ts";
import { iso } from "../../lib/time.ts";
import { outboxEntry } from "../events/outbox-entry.ts";
import type { TaskRow } from "./load-task.ts";

/**
 * Outbox rows for a task going live. An urgent task (a missing-person search, or one posted as
 * urgent) also emits `task.urgent`, carrying the area and its path so a receiver can notify every
 * volunteer whose home area lies within it at once (金水管家群 broadcast).
 */
export function publishedEvents(deps: Deps, task: TaskRow, at: number, agencyId: string | null) {
  const payload = {
    task_id: task.id,
    kind: task.kind,
    area_id: task.areaId,
    area_path: task.areaPath,
    starts_at: iso(task.startsAt),
    ends_at: iso(task.endsAt),
    capacity: task.capacity,
    urgent: task.urgent,
  };
  const rows = [outboxEntry(task.jurisdictionId, at, { type: "task.published", agencyId, payload })];
  if (task.urgent) rows.push(outboxEntry(task.jurisdictionId, at, { type: "task.urgent", agencyId, payload }));
  return deps.db.insert(outbox).values(rows);
}
