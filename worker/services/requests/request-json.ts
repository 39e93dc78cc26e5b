import { pathLevelIds } from "../../db/path-levels.ts";
import { rowJson } from "../../db/row-json.ts";
import { serviceRequests } from "../../db/schema/index.ts";

/**
 * A request row as one JSON value (db/row-json.ts). The town/community/grid columns are virtual
 * (computed by SQLite from `area_path` on every read, at about 10 µs a row); they are derived
 * here from the same path with the same rule instead.
 */
export const requestJson = rowJson(serviceRequests, {
  keys: ["areaTown", "areaCommunity", "areaGrid"],
  fill: (row) => Object.assign(row, pathLevelIds(row.areaPath)),
});
