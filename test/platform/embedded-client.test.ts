import { createClient, LibsqlBatchError, LibsqlError, type Client } from "@libsql/client";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql/web";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createEmbeddedClient } from "../../worker/runtime/embedded-client.ts";

const open: Client[] = [];
afterEach(() => open.splice(0).forEach((c) => c.close()));

/** The embedded client and @libsql/client's own file driver over two fresh files with one table. */
async function pair() {
  const dir = mkdtempSync(join(tmpdir(), "fq-ec-"));
  const clients = { embedded: createEmbeddedClient(`file:${dir}/a.db`), reference: createClient({ url: `file:${dir}/b.db` }) };
  for (const c of Object.values(clients)) {
    open.push(c);
    await c.executeMultiple("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT UNIQUE, b BLOB, c REAL)");
  }
  return clients;
}

describe("embedded libSQL client", () => {
  it("answers like @libsql/client: counts, rowids, row names and positions, blobs", async () => {
    const seen = [];
    for (const c of Object.values(await pair())) {
      const ins = await c.execute({ sql: "INSERT INTO t (a, b, c) VALUES (?, ?, ?)", args: ["x", new Uint8Array([1, 2]).buffer, 1.5] });
      const rs = await c.execute("SELECT id, a, b, c, a AS a FROM t");
      const row = rs.rows[0]!;
      seen.push({
        rowsAffected: ins.rowsAffected,
        lastInsertRowid: ins.lastInsertRowid,
        columns: rs.columns,
        keys: Object.keys(row),
        positions: Array.prototype.slice.call(row).map((v) => (v instanceof ArrayBuffer ? [...new Uint8Array(v)] : v)),
        json: JSON.stringify(row),
        json2: JSON.stringify(rs),
      });
    }
    expect(seen[0]).toEqual(seen[1]);
    expect(seen[0]!.positions).toEqual([1, "x", [1, 2], 1.5, "x"]);
    expect(seen[0]!.keys).toEqual(["id", "a", "b", "c"]);
  });

  it("serves drizzle's raw and typed reads", async () => {
    const { embedded } = await pair();
    await embedded.execute("INSERT INTO t (a) VALUES ('x'), ('y')");
    const db = drizzle(embedded);
    expect(await db.all(sql`SELECT id, a FROM t ORDER BY id`)).toEqual([{ id: 1, a: "x" }, { id: 2, a: "y" }]);
    expect(await db.get(sql`SELECT count(*) AS n FROM t`)).toEqual({ n: 2 });
  });

  it("keeps a statement across calls, also after one of its runs failed", async () => {
    const { embedded } = await pair();
    const insert = { sql: "INSERT INTO t (a) VALUES (?)", args: ["x"] };
    await embedded.execute(insert);
    const err = await embedded.execute(insert).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LibsqlError);
    expect(err).toMatchObject({ code: "SQLITE_CONSTRAINT", extendedCode: "SQLITE_CONSTRAINT_UNIQUE" });
    expect((err as Error).message).toMatch(/UNIQUE constraint failed: t\.a/);
    await embedded.execute({ ...insert, args: ["y"] });
    expect((await embedded.execute("SELECT a FROM t ORDER BY a")).rows.map((r) => r.a)).toEqual(["x", "y"]);
  });

  it("runs a batch all or nothing, naming the failed statement's error", async () => {
    const { embedded } = await pair();
    await embedded.execute("INSERT INTO t (a) VALUES ('x')");
    const err = await embedded
      .batch([{ sql: "INSERT INTO t (a) VALUES ('y')", args: [] }, { sql: "INSERT INTO t (a) VALUES ('x')", args: [] }], "write")
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LibsqlBatchError);
    expect((await embedded.execute("SELECT count(*) AS n FROM t")).rows[0]!.n).toBe(1);
    // The connection is usable, outside any transaction, afterwards.
    await embedded.batch([{ sql: "INSERT INTO t (a) VALUES ('y')", args: [] }]);
    expect((await embedded.execute("SELECT count(*) AS n FROM t")).rows[0]!.n).toBe(2);
  });

  it("sees new columns after the schema changes under a kept statement", async () => {
    const { embedded } = await pair();
    await embedded.execute("INSERT INTO t (a) VALUES ('x')");
    expect((await embedded.execute("SELECT * FROM t")).columns).toEqual(["id", "a", "b", "c"]);
    await embedded.execute("ALTER TABLE t ADD COLUMN d TEXT DEFAULT 'new'");
    const rs = await embedded.execute("SELECT * FROM t");
    expect(rs.columns).toEqual(["id", "a", "b", "c", "d"]);
    expect(rs.rows[0]!.d).toBe("new");
  });

  it("gives an interactive transaction its own connection: rollback undoes, commit keeps", async () => {
    const { embedded } = await pair();
    const rolled = await embedded.transaction("write");
    await rolled.execute("INSERT INTO t (a) VALUES ('gone')");
    await rolled.rollback();
    const kept = await embedded.transaction("write");
    await kept.execute("INSERT INTO t (a) VALUES ('kept')");
    await kept.commit();
    expect((await embedded.execute("SELECT a FROM t")).rows.map((r) => r.a)).toEqual(["kept"]);
    await expect(kept.execute("SELECT 1")).rejects.toMatchObject({ code: "TRANSACTION_CLOSED" });
  });

  it("refuses work once closed", async () => {
    const { embedded } = await pair();
    embedded.close();
    expect(embedded.closed).toBe(true);
    await expect(embedded.execute("SELECT 1")).rejects.toMatchObject({ code: "CLIENT_CLOSED" });
  });
});
