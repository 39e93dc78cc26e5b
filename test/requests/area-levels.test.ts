import { createClient } from "@libsql/client";
import { afterAll, describe, expect, it } from "vitest";
import { levelOf, pathLevelIds, pathLevelSql } from "../../worker/db/path-levels.ts";

const client = createClient({ url: ":memory:" });
afterAll(() => client.close());

/** The generated ancestor columns (SQL) and their in-memory twin (JS) must agree on every shape of path. */
describe("area path levels", () => {
  it("read the town, community and grid out of a path the same way in SQL and in JS", async () => {
    const expr = (level: number) => pathLevelSql("p", level);
    const paths = [
      "/area_c/",
      "/area_c/area_t/",
      "/area_c/area_t/area_m/",
      "/area_c/area_t/area_m/area_g/",
      "/area_01jf8z3m2ke5qb0x4n3c1w9v7t/area_01jf8z3m2ke5qb0x4n3c1w9v7u/area_x/area_yyyyyyyyyyyyyyyy/",
      null,
    ];
    for (const p of paths) {
      const rs = await client.execute({
        sql: `SELECT ${expr(levelOf.town)} AS t, ${expr(levelOf.community)} AS m, ${expr(levelOf.grid)} AS g FROM (SELECT ? AS p)`,
        args: [p],
      });
      const row = rs.rows[0]!;
      expect({ areaTown: row.t ?? null, areaCommunity: row.m ?? null, areaGrid: row.g ?? null }, String(p)).toEqual(pathLevelIds(p));
    }
    expect(pathLevelIds("/area_c/area_t/area_m/area_g/")).toEqual({ areaTown: "area_t", areaCommunity: "area_m", areaGrid: "area_g" });
  });
});
