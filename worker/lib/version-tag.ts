import { sha256Hex } from "./crypto.ts";

/**
 * Some objects are read whole but versioned by their own row: a dispute with its parties,
 * sessions and follow-ups, an alert whose status turns "expired" with time. Their version tag
 * (`"v3"`) is what If-Match names, but the representation can change while the version does not.
 * A read answers with the version tag narrowed by the representation's hash (`"v3.1a2b…"`): a
 * conditional GET then never calls a changed answer unmodified, and a write still matches on
 * the version part alone.
 */
export async function narrowedTag(versionTag: string, representation: string): Promise<string> {
  return `${versionTag.slice(0, -1)}.${(await sha256Hex(representation)).slice(0, 16)}"`;
}

/** Whether an If-Match list names `versionTag`, as written or narrowed by a read (or `*`). */
export function namesVersion(header: string, versionTag: string): boolean {
  const stem = versionTag.slice(0, -1);
  return header.split(",").some((t) => {
    const tag = t.trim();
    return tag === "*" || tag === versionTag || (tag.startsWith(`${stem}.`) && tag.endsWith('"') && !tag.slice(stem.length + 1, -1).includes('"'));
  });
}
