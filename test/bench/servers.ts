import { spawn, type ChildProcess } from "node:child_process";
import { registerServer } from "./cpu.ts";
import { closeSync, mkdtempSync, openSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:net";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

export interface Child {
  url: string;
  pid: number;
  /** Peak resident set size so far (VmHWM), in MB. */
  peakRssMb(): number;
  stop(): Promise<void>;
}

/**
 * Starts a TypeScript entry under the same Node as this process and waits until it listens. Its
 * output (one access-log line per request) goes to a file, as it would to a log collector: piping
 * it into this process would make the load generator share its event loop with reading the logs.
 */
export async function startChild(entry: string, env: Record<string, string>, readyPattern: RegExp): Promise<Child> {
  const port = await freePort();
  const logFile = join(mkdtempSync(join(tmpdir(), "fq-bench-log-")), "server.log");
  const fd = openSync(logFile, "w");
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of each server to that directory when it stops.
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, "--import", "tsx", entry], {
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", fd, fd],
  });
  closeSync(fd);
  await new Promise<void>((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      const out = readFileSync(logFile, "utf8");
      if (readyPattern.test(out)) {
        clearInterval(timer);
        resolve();
      } else if (Date.now() - started > 30_000) {
        clearInterval(timer);
        reject(new Error(`${entry} did not start: ${out}`));
      }
    }, 50);
    child.on("exit", (code) => {
      clearInterval(timer);
      reject(new Error(`${entry} exited ${code}: ${readFileSync(logFile, "utf8")}`));
    });
  });
  // A server that dies mid-run would otherwise show only as connection errors: say how it ended.
  child.removeAllListeners("exit");
  child.on("exit", (code, signal) =>
    console.error(`\n${entry} exited (code ${code}, signal ${signal}): ${readFileSync(logFile, "utf8").slice(-2000)}`),
  );
  registerServer(`http://127.0.0.1:${port}`, child.pid!);
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    peakRssMb() {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
      return m ? Number(m[1]) / 1024 : NaN;
    },
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners("exit");
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
      }),
  };
}
