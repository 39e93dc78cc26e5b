import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const BUDGET_KB = 400;

/** Builds the Worker as a deploy would (no upload) and reads wrangler's own size report. */
export function workerBundleSize(): { totalKb: number; gzipKb: number } {
  const outdir = mkdtempSync(join(tmpdir(), "fq-worker-"));
  const out = execFileSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", outdir], {
    encoding: "utf8",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const m = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(out);
  if (!m) throw new Error(`could not read the bundle size from wrangler:\n${out}`);
  return { totalKb: Number(m[1]), gzipKb: Number(m[2]) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { totalKb, gzipKb } = workerBundleSize();
  console.log(`Worker bundle: ${totalKb} KiB, ${gzipKb} KiB gzip (budget ${BUDGET_KB} KiB gzip)`);
  process.exit(gzipKb <= BUDGET_KB ? 0 : 1);
}
