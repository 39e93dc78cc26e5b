import type { Db } from "./client.ts";

/**
 * A query built once per database and run with `sql.placeholder` values. drizzle rebuilds a
 * query's SQL on every call (walking each selected column through its entity checks); for the
 * wide rows read on hot paths that cost more than running the statement. Keyed by the `Db`, so
 * two apps in one process (tests) never share one.
 */
export function prepared<Q>(build: (db: Db) => Q): (db: Db) => Q {
  const built = new WeakMap<Db, Q>();
  return (db) => {
    let q = built.get(db);
    if (q === undefined) built.set(db, (q = build(db)));
    return q;
  };
}
