import type { Deps, Principal } from "../../deps.ts";
import { updateService } from "./update-service.ts";

/**
 * Retiring hides a service from the catalogue and from new requests. The row stays, because
 * requests filed under it still name it; PATCH `active: true` brings it back.
 */
export async function retireService({ deps, caller, code, requestId }: { deps: Deps; caller: Principal; code: string; requestId?: string }) {
  return updateService({ deps, caller, code, patch: { active: false }, requestId });
}
