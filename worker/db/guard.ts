import { sql, type SQL } from "drizzle-orm";

/**
 * A statement for a `db.batch([...])` placed right after a conditional UPDATE: it fails (and so
 * rolls back the whole batch) when that UPDATE matched no row. See schema/write-guard.ts.
 */
export const requireChanged = (): SQL => sql`INSERT INTO write_guard (reason) SELECT NULL WHERE changes() = 0`;

export function isGuardFailure(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if (e instanceof Error && e.message.includes("write_guard.reason")) return true;
  }
  return false;
}
