import type { Client, InStatement } from "@libsql/client";

/**
 * The storage ceiling: the same rows a scenario writes, sent straight through the libSQL client
 * as one batch per operation, from `concurrency` loops for `seconds`. Returns operations/s.
 */
export async function rawWrites(client: Client, makeOp: (i: number) => InStatement[], seconds = 5, concurrency = 16): Promise<number> {
  let i = 0;
  let done = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        await client.batch(makeOp(i++), "write");
        done++;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}
