import { latestMigrationAt } from "../../db/migrations.ts";
import type { Deps } from "../../deps.ts";

export async function checkReadiness({ deps }: { deps: Deps }) {
  const notReady = { status: "not_ready" as const };
  try {
    await deps.client.execute("SELECT 1");
  } catch {
    return { ...notReady, database: "unreachable" as const, migrations: "behind" as const };
  }
  try {
    const rs = await deps.client.execute("SELECT max(created_at) AS at FROM __drizzle_migrations");
    if (Number(rs.rows[0]?.at ?? 0) >= latestMigrationAt) {
      return { status: "ready" as const, database: "ok" as const, migrations: "current" as const };
    }
  } catch {
    // No migrations table yet: an empty database is simply behind.
  }
  return { ...notReady, database: "ok" as const, migrations: "behind" as const };
}
