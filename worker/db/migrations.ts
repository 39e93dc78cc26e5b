import journal from "../../migrations/meta/_journal.json" with { type: "json" };

/**
 * What "migrations current" means for /readyz on either runtime: the newest migration the
 * build was made with (drizzle-kit's journal) is recorded as applied in the database.
 */
export const latestMigrationAt: number = journal.entries.at(-1)?.when ?? 0;
export const migrationCount: number = journal.entries.length;
