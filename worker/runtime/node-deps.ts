import { getConnInfo } from "@hono/node-server/conninfo";
import { createClient, type Client } from "@libsql/client";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { Config } from "../config.ts";
import { createDb } from "../db/client.ts";
import { migrateDatabase } from "../db/migrate-node.ts";
import type { BlobStore, Deps } from "../deps.ts";
import { memoryRateLimiter } from "../lib/rate-limit.ts";
import { createEmbeddedClient } from "./embedded-client.ts";
import { stdoutLines } from "./line-buffer.ts";

/** Opens the embedded file (or a remote URL), tuned for one writer process, and migrates it. */
export async function openDatabase(config: Pick<Config, "LIBSQL_URL" | "LIBSQL_AUTH_TOKEN">): Promise<Client> {
  const url = config.LIBSQL_URL;
  if (url.startsWith("file:") && url !== "file::memory:") {
    await mkdir(dirname(url.slice("file:".length)), { recursive: true });
  }
  // A file is opened with the statement-keeping embedded client; a libsql:// or https:// URL
  // (Turso or sqld from Node) goes through @libsql/client as on Workers.
  const client = url.startsWith("file:") ? createEmbeddedClient(url) : createClient({ url, authToken: config.LIBSQL_AUTH_TOKEN });
  if (url.startsWith("file:")) {
    // WAL lets readers proceed during a write; NORMAL sync is durable across process crashes in WAL mode.
    await client.execute("PRAGMA journal_mode = WAL");
    await client.execute("PRAGMA synchronous = NORMAL");
    await client.execute("PRAGMA busy_timeout = 5000");
    await client.execute("PRAGMA foreign_keys = ON");
  }
  await migrateDatabase(client);
  return client;
}

export function nodeDeps(config: Config, client: Client, blobs: BlobStore, log?: Deps["log"]): Deps {
  const write = log ? undefined : stdoutLines();
  return {
    config,
    client,
    db: createDb(client),
    blobs,
    rateLimiter: memoryRateLimiter(),
    now: Date.now,
    clientAddress: (c) => {
      try {
        return getConnInfo(c).remote.address ?? "unknown";
      } catch {
        return "unknown"; // app.request() in tests has no socket
      }
    },
    log: log ?? ((line) => write!(JSON.stringify({ time: new Date().toISOString(), ...line }) + "\n")),
  };
}
