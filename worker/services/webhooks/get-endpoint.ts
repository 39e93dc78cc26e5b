import type { Deps, Principal } from "../../deps.ts";
import { loadEndpoint } from "./endpoint-access.ts";

export async function getWebhookEndpoint({ deps, caller, id }: { deps: Deps; caller: Principal; id: string }) {
  return loadEndpoint(deps, caller, id);
}

