import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/** Runs a script in a fresh Node process (stdout a pipe, as under a log collector) and returns its output. */
function run(body: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "fq-lines-")), "script.ts");
  const module = resolve("worker/runtime/line-buffer.ts");
  writeFileSync(file, `import { stdoutLines } from ${JSON.stringify(module)};\nconst log = stdoutLines();\n${body}\n`);
  return execFileSync(process.execPath, ["--import", "tsx", file], { encoding: "utf8" });
}

describe("buffered access-log lines", () => {
  it("writes a turn's lines in order, in one write", () => {
    const out = run(`
      const writes: string[] = [];
      const real = process.stdout.write.bind(process.stdout);
      process.stdout.write = ((chunk: string) => (writes.push(chunk), true)) as typeof process.stdout.write;
      log("a\\n"); log("b\\n"); log("c\\n");
      setTimeout(() => { process.stdout.write = real; real(JSON.stringify(writes)); }, 20);
    `);
    expect(JSON.parse(out)).toEqual(["a\nb\nc\n"]);
  });

  it("loses nothing when the process exits in the same turn", () => {
    expect(run(`log("first\\n"); log("last\\n"); process.exit(0);`)).toBe("first\nlast\n");
  });
});
