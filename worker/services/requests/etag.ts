import { AppError } from "../../lib/problem.ts";

/** Strong ETag of a request version: If-Match compares it exactly. */
export const etagOf = (version: number) => `"v${version}"`;

/**
 * State changes must say which version they were decided on: no If-Match → 428, another version
 * → 412 (with the current ETag, so the client knows it must read again).
 */
export function checkIfMatch(header: string | undefined, version: number): void {
  if (header === undefined || header.trim() === "") {
    throw new AppError("precondition_required", "Send If-Match with the ETag of the request as you last read it.");
  }
  const tags = header.split(",").map((s) => s.trim());
  if (tags.includes("*") || tags.includes(etagOf(version))) return;
  throw new AppError("precondition_failed", "The request has changed since you read it; read it again and decide anew.", {
    headers: { etag: etagOf(version) },
  });
}

/** Whether an If-None-Match header names the current ETag (weak comparison, as GET allows). */
export function notModified(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, "");
  return header.split(",").some((t) => t.trim() === "*" || bare(t) === bare(etag));
}
