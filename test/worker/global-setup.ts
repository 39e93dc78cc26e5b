import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { parseConfig } from "../../worker/config.ts";
import { memoryBlobStore } from "../../worker/runtime/disk-blobs.ts";
import { nodeDeps, openDatabase } from "../../worker/runtime/node-deps.ts";
import { seedCatalogue } from "../../worker/services/catalogue/seed-catalogue.ts";
import { createJurisdiction } from "../../worker/services/jurisdictions/create-jurisdiction.ts";
import { startHranaServer } from "../support/hrana-server.ts";
import { startWebhookReceiver } from "./webhook-receiver.ts";

declare module "vitest" {
  export interface ProvidedContext {
    libsqlUrl: string;
    adminKey: string;
    receiverUrl: string;
  }
}

/** Runs in Node before the workerd suite: a migrated libSQL file (a county with the seeded catalogue) served over Hrana HTTP on loopback. */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "fq-workerd-"));
  const path = join(dir, "fengqiao.db");
  const config = parseConfig({ LIBSQL_URL: `file:${path}`, TOKEN_SECRET: "unused-here-0123456789abcdef01234567" });
  const client = await openDatabase(config);
  const deps = nodeDeps(config, client, memoryBlobStore(), () => {});
  const { adminKey, jurisdiction } = await createJurisdiction(deps, { code: "workerd", name: "Workerd county" });
  await seedCatalogue(deps, jurisdiction.id);
  client.close();
  const server = await startHranaServer({ path });
  const receiver = await startWebhookReceiver();
  project.provide("libsqlUrl", server.url);
  project.provide("adminKey", adminKey);
  project.provide("receiverUrl", receiver.url);
  return async () => {
    await receiver.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  };
}
