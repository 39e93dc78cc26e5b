import { perInstance } from "../lib/per-instance.ts";
import type { Db } from "./client.ts";

/**
 * A query built once per database and run with `sql.placeholder` values. drizzle rebuilds a
 * query's SQL on every call (walking each selected column through its entity checks); for the
 * wide rows read on hot paths that cost more than running the statement. Keyed by the `Db`, so
 * two apps in one process (tests) never share one.
 */
export const prepared = <Q>(build: (db: Db) => Q): ((db: Db) => Q) => perInstance(build);
