import type { TaskStatus } from "../../db/schema/tasks.ts";
import { iso, isoOrNull } from "../../lib/time.ts";
import type { TaskRow, TaskView } from "./load-task.ts";

/** The status clients see: an open or full task whose start has passed is in progress. */
export function presentedStatus(task: Pick<TaskRow, "status" | "startsAt">, now: number): TaskStatus {
  if ((task.status === "open" || task.status === "full") && now >= task.startsAt) return "in_progress";
  return task.status;
}

export function presentTask(view: TaskView, now: number) {
  const { task } = view;
  return {
    id: task.id,
    kind: task.kind,
    title: task.title,
    description: task.description,
    urgent: task.urgent,
    location: { lat: task.lat, lng: task.lng },
    radius_m: task.radiusM,
    address: task.address,
    area_id: task.areaId,
    starts_at: iso(task.startsAt),
    ends_at: iso(task.endsAt),
    check_in_slack_minutes: task.checkInSlackMinutes,
    capacity: task.capacity,
    confirmed_count: view.seats,
    waitlist_count: view.waitlisted,
    slots_left: Math.max(0, task.capacity - view.seats),
    points_per_hour: task.pointsPerHour,
    no_show_penalty: task.noShowPenalty,
    requires_verified: task.requiresVerified,
    required_skills: task.requiredSkills,
    team_id: task.teamId,
    status: presentedStatus(task, now),
    accepting_signups: (task.status === "open" || task.status === "full") && now < task.endsAt,
    cancel_reason: task.cancelReason,
    published_at: isoOrNull(task.publishedAt),
    completed_at: isoOrNull(task.completedAt),
    cancelled_at: isoOrNull(task.cancelledAt),
    created_at: iso(task.createdAt),
    updated_at: iso(task.updatedAt),
    ...(view.distanceM !== undefined ? { distance_m: view.distanceM === null ? null : Math.round(view.distanceM) } : {}),
    ...(view.mySignup !== undefined ? { my_signup: view.mySignup } : {}),
  };
}
