import type { households } from "../../db/schema/index.ts";
import { maskAddress } from "../../lib/mask.ts";
import { doorplateUrl } from "../../lib/public-url.ts";
import { randomBase32 } from "../../lib/crypto.ts";
import { iso } from "../../lib/time.ts";

/** 16 random bytes (128 bits) in Crockford base32: 26 characters, not guessable from any other code. */
export const newDoorplateCode = () => randomBase32(16);

/** A household with its doorplate code: for administrators, who create, change and reissue them (and print plates). */
export function presentHousehold(row: typeof households.$inferSelect, publicBase: string) {
  return {
    id: row.id,
    grid_id: row.areaId,
    address: maskAddress(row.address) ?? "",
    lat: row.lat,
    lng: row.lng,
    external_ref: row.externalRef,
    doorplate_code: row.doorplateCode,
    doorplate_url: doorplateUrl(publicBase, row.doorplateCode),
    created_at: iso(row.createdAt),
  };
}

/**
 * A household as lists and reads show it. The doorplate code is the household's credential at
 * the door (it files requests placed at the dwelling): only administrators (`withCode`) see it;
 * for staff the code and its URL are null.
 */
export function presentHouseholdView(row: typeof households.$inferSelect, publicBase: string, withCode: boolean) {
  const h = presentHousehold(row, publicBase);
  return withCode ? h : { ...h, doorplate_code: null, doorplate_url: null };
}
