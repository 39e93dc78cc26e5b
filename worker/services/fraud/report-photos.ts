import { and, eq, sql } from "drizzle-orm";
import { fraudReports } from "../../db/schema/index.ts";
import { requireChanged } from "../../db/guard.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertScope, hasScope } from "../../lib/authz.ts";
import { randomToken } from "../../lib/crypto.ts";
import { AppError } from "../../lib/problem.ts";
import { reporterOf } from "./report-indicator.ts";

export const MAX_PHOTOS = 4;
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

/** The type a file really is, from its first bytes: the declared Content-Type is not trusted. */
export function sniffImage(b: Uint8Array): "image/jpeg" | "image/png" | "image/webp" | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  if (b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x)) return "image/png";
  if (b.length >= 12 && String.fromCharCode(...b.slice(0, 4)) === "RIFF" && String.fromCharCode(...b.slice(8, 12)) === "WEBP") return "image/webp";
  return null;
}

async function ownReport(deps: Deps, caller: Principal, id: string) {
  const [row] = await deps.db
    .select()
    .from(fraudReports)
    .where(and(eq(fraudReports.id, id), eq(fraudReports.jurisdictionId, caller.jurisdictionId), eq(fraudReports.reporter, reporterOf(caller))));
  if (!row) throw new AppError("not_found", "No such report of yours.");
  return row;
}

/** A screenshot of the chat, the caller ID, the payment page: at most four, images only, by their reporter. */
export async function addReportPhoto({ deps, caller, id, body }: { deps: Deps; caller: Principal; id: string; body: Uint8Array }) {
  assertScope(caller, "fraud:report");
  const report = await ownReport(deps, caller, id);
  if (body.length === 0 || body.length > MAX_PHOTO_BYTES) throw new AppError("payload_too_large", `A photo may be at most ${MAX_PHOTO_BYTES} bytes.`);
  const type = sniffImage(body);
  if (!type) throw new AppError("unsupported_media_type", "Send a JPEG, PNG or WebP image.");
  if (report.photos.length >= MAX_PHOTOS) throw new AppError("capacity_full", `A report holds at most ${MAX_PHOTOS} photos.`);
  const key = `fraud-reports/${report.jurisdictionId}/${report.id}/${randomToken(12)}`;
  await deps.blobs.put(key, body, type);
  const entry = JSON.stringify({ key, content_type: type, size: body.length });
  try {
    // Conditional on the count, so two uploads racing for the last place cannot both land.
    await deps.db.batch([
      deps.db
        .update(fraudReports)
        .set({ photos: sql`json_insert(${fraudReports.photos}, '$[#]', json(${entry}))`, updatedAt: deps.now() })
        .where(and(eq(fraudReports.id, id), sql`json_array_length(${fraudReports.photos}) < ${MAX_PHOTOS}`)),
      deps.db.run(requireChanged()),
    ]);
  } catch (err) {
    await deps.blobs.delete(key);
    throw err;
  }
  return { index: report.photos.length, content_type: type, size: body.length };
}

/** The reporter, or staff reviewing fraud reports. */
export async function getReportPhoto({ deps, caller, id, index }: { deps: Deps; caller: Principal; id: string; index: number }) {
  const staff = hasScope(caller, "fraud:manage") && (!caller.user || ["officer", "dispatcher", "admin"].includes(caller.user.role));
  const [row] = await deps.db
    .select()
    .from(fraudReports)
    .where(and(eq(fraudReports.id, id), eq(fraudReports.jurisdictionId, caller.jurisdictionId), staff ? undefined : eq(fraudReports.reporter, reporterOf(caller))));
  const photo = row?.photos[index];
  if (!photo) throw new AppError("not_found", "No such photo.");
  const blob = await deps.blobs.get(photo.key);
  if (!blob) throw new AppError("not_found", "No such photo.");
  return blob;
}
