import { serve } from "@hono/node-server";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo, Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../../test/support/app.ts";
import { tenant } from "../../test/support/factories.ts";
import { bundle } from "../scripts/build.ts";

/**
 * The SDK promises Node ≥ 18 while every script here runs on 22, so a real Node 18 runs
 * node18/run.mjs against the built bundle and the real server over loopback HTTP. Node 18 comes
 * from npm's cache (`npm exec`), never the project's node_modules/.bin, whose `node` must stay 22.
 */
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "fq-node18-"));
let node18: string;
let t: TestApp;
let server: Server;
let env: Record<string, string>;

beforeAll(async () => {
  // The first run downloads Node 18 (a few seconds); later runs find it in the cache. Run outside
  // the project, whose own `node` dependency would otherwise satisfy the command.
  const found = await run("npm", ["exec", "--yes", "--package=node@18", "--", "node", "-p", "JSON.stringify([process.version, process.execPath])"], { cwd: dir }).catch(
    (e: Error) => Promise.reject(new Error(`Could not obtain Node 18 through npm exec: ${e.message}`)),
  );
  const [version, path] = JSON.parse(found.stdout.trim().split("\n").at(-1)!) as [string, string];
  if (!version.startsWith("v18.")) throw new Error(`npm exec gave Node ${version}, not 18: ${path}`);
  node18 = path;

  // What `import "@fengqiao/sdk"` loads on Node: dist/index.js, built here without touching sdk/dist.
  const sdk = join(dir, "index.mjs");
  writeFileSync(sdk, await bundle(undefined, { minify: false }));

  t = await testApp();
  const county = await tenant(t);
  const { port } = await new Promise<AddressInfo>((resolve) => {
    server = serve({ fetch: t.app.fetch, hostname: "127.0.0.1", port: 0 }, resolve) as Server;
  });
  env = { FQ_SDK: pathToFileURL(sdk).href, FQ_BASE_URL: `http://127.0.0.1:${port}`, FQ_API_KEY: county.adminKey };
}, 300_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the shipped bundle on Node 18", () => {
  it("writes idempotently, pages, raises typed errors and verifies webhooks against the real server", async () => {
    const child = await run(node18, [join(import.meta.dirname, "node18/run.mjs")], { env, timeout: 25_000 }).catch(
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    const output = `${child.stdout}${child.stderr}`;
    expect("code" in child ? child.code : 0, output).toBe(0);
    expect(JSON.parse(child.stdout.trim().split("\n").at(-1)!), output).toEqual({
      node: expect.stringMatching(/^v18\./),
      passed: ["idempotent write", "pagination", "typed error", "webhook"],
    });
  });
});
