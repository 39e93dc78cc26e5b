import { createClient, type Client } from "@libsql/client";
import { migrate } from "drizzle-orm/libsql/migrator";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../worker/app.ts";
import { createDb } from "../../worker/db/client.ts";
import { latestMigrationAt, migrationCount } from "../../worker/db/migrations.ts";
import { createEmbeddedClient } from "../../worker/runtime/embedded-client.ts";
import { testApp, type TestApp } from "../support/app.ts";
import { freePort } from "../bench/servers.ts";

/**
 * `/readyz` is what a load balancer or a deploy waits on: 200 only when the database answers and
 * holds the build's migrations, else 503 with the same plain JSON shape (not a problem) saying
 * which. Each case is a real database in the state it names, served by the real app.
 */
let t: TestApp;
const dir = mkdtempSync(join(tmpdir(), "fq-ready-"));
const opened: Client[] = [];
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  for (const c of opened) c.close();
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The real app over another database client; everything else as the test app has it. */
async function readyz(client: Client) {
  const app = createApp({ ...t.deps, client, db: createDb(client) });
  const res = await app.request("/readyz");
  return { status: res.status, contentType: res.headers.get("content-type"), json: await res.json() };
}

function file(name: string): Client {
  const client = createEmbeddedClient(`file:${join(dir, name)}`);
  opened.push(client);
  return client;
}

describe("GET /readyz", () => {
  it("answers 200 over the test app's freshly migrated database", async () => {
    const res = await t.get("/readyz");
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: "ready", database: "ok", migrations: "current" });
  });

  it("answers 503 behind when the database lacks the build's newest migration", async () => {
    // A database migrated by the build before this one: the same migrations folder with the newest
    // entry taken out of drizzle-kit's journal, applied by drizzle's own migrator.
    expect(migrationCount).toBeGreaterThan(1);
    const older = join(dir, "older-migrations");
    cpSync(join(import.meta.dirname, "../../migrations"), older, { recursive: true });
    const journalPath = join(older, "meta/_journal.json");
    const journal = JSON.parse(readFileSync(journalPath, "utf8"));
    const newest = journal.entries.pop();
    expect(newest.when).toBe(latestMigrationAt);
    writeFileSync(journalPath, JSON.stringify(journal));
    const client = file("older.db");
    await migrate(createDb(client), { migrationsFolder: older });
    const applied = await client.execute("SELECT count(*) AS n FROM __drizzle_migrations");
    expect(Number(applied.rows[0]!.n)).toBe(migrationCount - 1);

    const res = await readyz(client);
    expect(res.status).toBe(503);
    expect(res.contentType).toMatch(/^application\/json/);
    expect(res.json).toEqual({ status: "not_ready", database: "ok", migrations: "behind" });
  });

  it("answers 503 behind over an empty database (never migrated)", async () => {
    const res = await readyz(file("empty.db"));
    expect(res.status).toBe(503);
    expect(res.contentType).toMatch(/^application\/json/);
    expect(res.json).toEqual({ status: "not_ready", database: "ok", migrations: "behind" });
  });

  it("answers 503 unreachable when the database client is closed", async () => {
    const client = file("closed.db");
    await client.execute("SELECT 1");
    client.close();
    const res = await readyz(client);
    expect(res.status).toBe(503);
    expect(res.contentType).toMatch(/^application\/json/);
    expect(res.json).toEqual({ status: "not_ready", database: "unreachable", migrations: "behind" });
  });

  it("answers 503 unreachable when a remote libSQL endpoint refuses the connection (the Workers case)", async () => {
    // Nothing listens on this port: every execute rejects as a Worker's does when Turso is down.
    const client = createClient({ url: `http://127.0.0.1:${await freePort()}` });
    opened.push(client);
    await expect(client.execute("SELECT 1")).rejects.toThrow();
    const res = await readyz(client);
    expect(res.status).toBe(503);
    expect(res.contentType).toMatch(/^application\/json/);
    expect(res.json).toEqual({ status: "not_ready", database: "unreachable", migrations: "behind" });
  });

  it("documents 503 with the Readiness schema, not a problem", async () => {
    const doc = (await t.get("/openapi.json")).json;
    const op = doc.paths["/readyz"].get;
    expect(op.responses["503"].content).toEqual({ "application/json": { schema: { $ref: "#/components/schemas/Readiness" } } });
  });
});
