import type { Client } from "@libsql/client";
import type { LibSQLDatabase } from "drizzle-orm/libsql/driver-core";
// The web entry only wraps the client it is given; importing it keeps the native driver out of the Worker bundle.
import { drizzle } from "drizzle-orm/libsql/web";
import * as schema from "./schema/index.ts";

export type Db = LibSQLDatabase<typeof schema>;

/** Wraps an already-built libSQL client (embedded file on Node, HTTP on Workers). */
export function createDb(client: Client): Db {
  return drizzle(client, { schema, casing: "snake_case" }) as Db;
}
