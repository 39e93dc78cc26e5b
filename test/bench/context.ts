import { createClient, type Client, type InStatement } from "@libsql/client";
import { createEmbeddedClient } from "../../worker/runtime/embedded-client.ts";
import type { LoadResult } from "./load.ts";
import { formatCpu, type CpuPerAnswer } from "./cpu.ts";
import { jsonOk } from "./http.ts";
import { rawWrites } from "./raw-writes.ts";

export interface Ceiling {
  name: string;
  rps: number;
  /** The same ceiling through another client, printed beside the ratio for comparison. */
  alternative?: { name: string; rps: number };
  /** Server CPU per answer when the ceiling is a route (bare-server.ts). */
  cpu?: CpuPerAnswer;
}

export interface Row {
  result: LoadResult;
  ceiling?: Ceiling;
  /** Fraction of the ceiling the issue asks for; printed as met / NOT met. */
  target?: number;
}

export interface BenchContext {
  apiUrl: string;
  seconds: number;
  dir: string;
  adminKey: string;
  appKey: string;
  bare: Ceiling;
  /** The bare route answering with the same header set as the API (see bare-server.ts). */
  bareHeaders: Ceiling;
  rows: Row[];
  notes: string[];
}

export function record(ctx: BenchContext, result: LoadResult, ceiling?: Ceiling, target?: number) {
  ctx.rows.push({ result, ceiling, target });
  const alt = ceiling?.alternative ? ` (${((result.rps / ceiling.alternative.rps) * 100).toFixed(0)}% via ${ceiling.alternative.name})` : "";
  const ratio = ceiling ? `  ${((result.rps / ceiling.rps) * 100).toFixed(0)}% of ${ceiling.name}${alt}` : "";
  const failures = result.errors + result.non2xx ? `  (${result.errors} errors, ${result.non2xx} non-2xx)` : "";
  console.log(
    `  ${result.name.padEnd(48)} ${result.rps.toFixed(0).padStart(7)} req/s  p50 ${result.p50} ms${result.p95 === undefined ? "" : `  p95 ${result.p95.toFixed(1)} ms`}  p99 ${result.p99} ms${ratio}${failures}${formatCpu(result.cpu)}`,
  );
}

export function note(ctx: BenchContext, line: string) {
  ctx.notes.push(line);
  console.log(`  ${line}`);
}

let rawDbs = 0;
async function rawRun(ctx: BenchContext, client: Client, schema: string, ops: (i: number) => InStatement[]) {
  await client.execute("PRAGMA journal_mode = WAL");
  await client.execute("PRAGMA synchronous = NORMAL");
  await client.executeMultiple(schema);
  const rps = await rawWrites(client, ops, ctx.seconds);
  client.close();
  return rps;
}

/**
 * The storage ceiling for a write scenario: the same rows sent straight to a fresh file with the
 * server's pragmas, one batch per operation, for the same time. Measured twice: through
 * @libsql/client's file driver, and through the client the server itself writes with (its
 * kept statements make it several times faster). Targets are judged against the faster one, so
 * a faster driver can only make a ratio harder, never flatter.
 */
export async function rawCeiling(ctx: BenchContext, name: string, schema: string, ops: (i: number) => InStatement[]): Promise<Ceiling> {
  const viaLibrary = await rawRun(ctx, createClient({ url: `file:${ctx.dir}/raw-${++rawDbs}.db` }), schema, ops);
  const viaServer = await rawRun(ctx, createEmbeddedClient(`file:${ctx.dir}/raw-${++rawDbs}.db`), schema, ops);
  console.log(`  ${`ceiling: raw libSQL — ${name}`.padEnd(48)} ${viaServer.toFixed(0).padStart(7)} ops/s (server's client; ${viaLibrary.toFixed(0)} via @libsql/client)`);
  return { name: `raw libSQL (${name})`, rps: viaServer, alternative: { name: "@libsql/client", rps: viaLibrary } };
}

/** JSON over fetch with a bearer credential against the API under test, for scenario set-up. */
export const call = (ctx: BenchContext, method: string, path: string, auth: string, body?: unknown) =>
  jsonOk(fetch, `${ctx.apiUrl}${path}`, { method, token: auth, body });
