import type { areas } from "../../db/schema/index.ts";
import { iso } from "../../lib/time.ts";

type AreaRow = typeof areas.$inferSelect;

export function presentArea(row: AreaRow) {
  return {
    id: row.id,
    parent_id: row.parentId,
    level: row.level,
    name: row.name,
    code: row.code,
    lat: row.lat,
    lng: row.lng,
    created_at: iso(row.createdAt),
  };
}

/** The area with its ancestors' names, root first and ending with itself: "金沙县 › 柳塘镇 › 桃园社区 › 第3网格". */
export function presentAreaDetail(row: AreaRow, chain: readonly Pick<AreaRow, "id" | "level" | "name">[]) {
  return { ...presentArea(row), area_path: chain.map((a) => ({ id: a.id, level: a.level, name: a.name })) };
}
