import type { Deps, Principal } from "../../deps.ts";
import { AppError } from "../../lib/problem.ts";
import { loadLead } from "./load-lead.ts";

/** The photo, for the reporter and staff, with the type its bytes were sniffed as. */
export async function getLeadPhoto({ deps, caller, id }: { deps: Deps; caller: Principal; id: string }) {
  const lead = await loadLead(deps, caller, id);
  const blob = lead.photoKey ? await deps.blobs.get(lead.photoKey) : null;
  if (!blob) throw new AppError("not_found", "This lead has no photo.");
  return blob;
}
