import type { Client } from "@libsql/client";
import { migrate } from "drizzle-orm/libsql/migrator";
import { fileURLToPath } from "node:url";
import { createDb } from "./client.ts";

const migrationsFolder = fileURLToPath(new URL("../../migrations", import.meta.url));

/** Node only (reads migrations/ from disk). Workers deploys run `npm run db:migrate` instead. */
export async function migrateDatabase(client: Client): Promise<void> {
  await migrate(createDb(client), { migrationsFolder });
}
