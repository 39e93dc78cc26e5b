import { and, eq } from "drizzle-orm";
import { volunteerLeads } from "../../db/schema/index.ts";
import { requireChanged } from "../../db/guard.ts";
import type { Deps, Principal } from "../../deps.ts";
import { assertScope } from "../../lib/authz.ts";
import { AppError } from "../../lib/problem.ts";
import { loadLead } from "./load-lead.ts";

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/**
 * What the bytes are, by their signature, whatever the client claimed: a lead photo is a JPEG,
 * PNG or WebP image, never a script or a document renamed.
 */
export function sniffImage(b: Uint8Array): "image/jpeg" | "image/png" | "image/webp" | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  if (b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x)) return "image/png";
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  return null;
}

/** The reporter attaches (or replaces) the photo while the lead is new. */
export async function putLeadPhoto({ deps, caller, id, bytes }: { deps: Deps; caller: Principal; id: string; bytes: Uint8Array }) {
  assertScope(caller, "tasks:write");
  const lead = await loadLead(deps, caller, id);
  if (caller.user?.id !== lead.userId) throw new AppError("forbidden", "Only the volunteer who reported the lead can attach its photo.");
  if (lead.status !== "new") throw new AppError("invalid_transition", "The lead has been handled; its photo can no longer change.");
  if (bytes.length === 0) throw new AppError("validation_failed", "The photo is empty.", { extensions: { errors: [{ pointer: "/body", detail: "empty" }] } });
  if (bytes.length > MAX_PHOTO_BYTES) throw new AppError("payload_too_large", `A photo may be at most ${MAX_PHOTO_BYTES} bytes.`);
  const type = sniffImage(bytes);
  if (!type) throw new AppError("unsupported_media_type", "Send a JPEG, PNG or WebP image.");
  const key = `leads/${caller.jurisdictionId}/${lead.id}`;
  await deps.blobs.put(key, bytes, type);
  const at = deps.now();
  await deps.db.batch([
    deps.db
      .update(volunteerLeads)
      .set({ photoKey: key, photoType: type, updatedAt: at })
      .where(and(eq(volunteerLeads.id, lead.id), eq(volunteerLeads.status, "new"))),
    deps.db.run(requireChanged()),
  ]);
  return lead.id;
}
