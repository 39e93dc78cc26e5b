import { haversineMeters } from "../../lib/geo.ts";
import { AppError } from "../../lib/problem.ts";
import type { TaskRow } from "../tasks/load-task.ts";
import { verifySiteCode } from "../tasks/site-code.ts";

export type PresenceProof = { location?: { lat: number; lng: number }; site_code?: string };

const MINUTE = 60_000;

/**
 * Check-in is open from `slack` minutes before the start until the end; check-out from check-in
 * until `slack` minutes after the end. Both edges are inclusive at the early side and exclusive
 * at the late side (`[from, until)`), so the window is exactly as long as it says.
 */
export function windowFor(task: Pick<TaskRow, "startsAt" | "endsAt" | "checkInSlackMinutes">, act: "check_in" | "check_out") {
  const slack = task.checkInSlackMinutes * MINUTE;
  return act === "check_in" ? { from: task.startsAt - slack, until: task.endsAt } : { from: task.startsAt - slack, until: task.endsAt + slack };
}

export function assertInWindow(task: TaskRow, act: "check_in" | "check_out", now: number) {
  const w = windowFor(task, act);
  if (now < w.from || now >= w.until) {
    throw new AppError("unprocessable", act === "check_in" ? "Check-in is not open at this time." : "Check-out is closed; ask staff to confirm your attendance.", {
      extensions: { reason: "outside_window", opens_at: new Date(w.from).toISOString(), closes_at: new Date(w.until).toISOString() },
    });
  }
}

/**
 * Presence on site: either the device's position inside the task's circle (haversine, edge
 * included), or the rotating site code shown there. Returns the method that proved it.
 */
export async function assertPresent(secret: string, task: TaskRow, proof: PresenceProof, now: number): Promise<"geofence" | "site_code"> {
  if (proof.site_code !== undefined) {
    if (await verifySiteCode(secret, task.id, now, proof.site_code)) return "site_code";
    throw new AppError("unprocessable", "That site code is wrong or has expired; scan the code on site again.", { extensions: { reason: "bad_site_code" } });
  }
  if (!proof.location) {
    throw new AppError("validation_failed", "Send your location or the site code.", {
      extensions: { errors: [{ pointer: "/body", detail: "one of location or site_code is required" }] },
    });
  }
  const distance = haversineMeters(task.lat, task.lng, proof.location.lat, proof.location.lng);
  if (distance > task.radiusM) {
    throw new AppError("unprocessable", "You are outside the task's area.", {
      extensions: { reason: "outside_geofence", distance_m: Math.round(distance), radius_m: task.radiusM },
    });
  }
  return "geofence";
}

/** Minutes served inside the task window: arriving early or leaving late earns nothing extra. */
export function minutesServed(task: Pick<TaskRow, "startsAt" | "endsAt">, checkedInAt: number, checkedOutAt: number): number {
  const from = Math.max(checkedInAt, task.startsAt);
  const to = Math.min(checkedOutAt, task.endsAt);
  return Math.max(0, Math.floor((to - from) / MINUTE));
}
