import QRCode from "qrcode";
import type { Deps, Principal } from "../../deps.ts";
import { iso } from "../../lib/time.ts";
import { loadTask } from "./load-task.ts";
import { currentSiteCode, SITE_CODE_STEP_SECONDS, siteCodePayload } from "./site-code.ts";
import { assertStaffFor, volunteerStaffRoles } from "./task-access.ts";

/** The code for staff of the task's area to put on a screen at the site; never for volunteers. */
export async function siteCodeFor({ deps, caller, id, svg = false }: { deps: Deps; caller: Principal; id: string; svg?: boolean }) {
  const task = await loadTask(deps, caller, id);
  assertStaffFor(caller, "tasks:read", volunteerStaffRoles, task.areaPath);
  const { code, validUntil } = await currentSiteCode(deps.config.TOKEN_SECRET, task.id, deps.now());
  const payload = siteCodePayload(task.id, code);
  return {
    code,
    stepSeconds: SITE_CODE_STEP_SECONDS,
    validUntil: iso(validUntil),
    payload,
    svg: svg ? await QRCode.toString(payload, { type: "svg", errorCorrectionLevel: "M", margin: 2 }) : undefined,
  };
}
