import { readFileSync } from "node:fs";

/**
 * Where the CPU went during a timed run: the server's (user and kernel, all its threads, from
 * /proc) and the load generator's (this process). On a two-core machine the two share the CPU,
 * so a ratio of req/s alone cannot say whether a ceiling was the server's or the generator's;
 * these figures can. Linux only: elsewhere they are left out.
 */
export interface CpuPerAnswer {
  /** Server CPU per answer, µs, user + kernel. */
  server: number;
  /** Of which in the kernel (sockets, syscalls). */
  serverKernel: number;
  /** The load generator's CPU per answer, µs. */
  client: number;
}

const servers = new Map<string, number>();

/** Lets `load` find the server process behind a URL (servers.ts registers each child it starts). */
export function registerServer(origin: string, pid: number) {
  servers.set(origin, pid);
}

// USER_HZ: clock ticks per second in /proc/<pid>/stat, 100 on every Linux this runs on.
const TICK_US = 10_000;

function ticks(pid: number): { user: number; kernel: number } | undefined {
  try {
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th of them.
    const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return { user: Number(f[11]), kernel: Number(f[12]) };
  } catch {
    return undefined;
  }
}

/** Starts counting for the server behind `url`; the returned function gives CPU per answer for `answers`. */
export function cpuMeter(url: string): (answers: number) => CpuPerAnswer | undefined {
  const pid = servers.get(new URL(url).origin);
  const before = pid === undefined ? undefined : ticks(pid);
  const client0 = process.cpuUsage();
  return (answers) => {
    const after = pid === undefined ? undefined : ticks(pid);
    if (!before || !after || answers <= 0) return undefined;
    const client = process.cpuUsage(client0);
    return {
      server: ((after.user - before.user + after.kernel - before.kernel) * TICK_US) / answers,
      serverKernel: ((after.kernel - before.kernel) * TICK_US) / answers,
      client: (client.user + client.system) / answers,
    };
  };
}

export const formatCpu = (c: CpuPerAnswer | undefined) =>
  c ? `  server ${c.server.toFixed(0)} µs/answer (${c.serverKernel.toFixed(0)} kernel), load generator ${c.client.toFixed(0)} µs` : "";
