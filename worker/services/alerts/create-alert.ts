import { alerts } from "../../db/schema/index.ts";
import type { Deps, Principal } from "../../deps.ts";
import { newId } from "../../lib/ids.ts";
import { actorOf } from "../audit/record-audit.ts";
import { assertAlertAuthor } from "./authority.ts";
import { assertTimes, contentColumns, type AlertContentInput } from "./input.ts";
import { resolveTargets } from "./targets.ts";

/** A new alert starts as a draft: nobody sees it until it is published. */
export async function createAlert({ deps, caller, input }: { deps: Deps; caller: Principal; input: AlertContentInput }) {
  assertAlertAuthor(caller);
  const cols = contentColumns(input);
  await resolveTargets(deps, caller, { areaIds: cols.areaIds ?? [], wholeJurisdiction: cols.wholeJurisdiction ?? false });
  const t = deps.now();
  const id = newId("alert");
  const row = {
    id,
    jurisdictionId: caller.jurisdictionId,
    chainId: id,
    versionNo: 1,
    supersedesId: null,
    supersededById: null,
    msgType: "Alert" as const,
    status: "draft" as const,
    kind: input.kind!,
    severity: input.severity!,
    urgency: input.urgency!,
    certainty: input.certainty!,
    titleZh: input.title_zh!,
    bodyZh: input.body_zh!,
    instructionZh: cols.instructionZh ?? null,
    titleEn: cols.titleEn ?? null,
    bodyEn: cols.bodyEn ?? null,
    instructionEn: cols.instructionEn ?? null,
    media: cols.media ?? [],
    areaIds: cols.areaIds ?? [],
    wholeJurisdiction: cols.wholeJurisdiction ?? false,
    effectiveAt: cols.effectiveAt ?? null,
    expiresAt: cols.expiresAt ?? null,
    sentAt: null,
    note: cols.note ?? null,
    createdBy: actorOf(caller),
    sentBy: null,
    createdAt: t,
    updatedAt: t,
    rowVersion: 1,
  };
  assertTimes(row, null);
  await deps.db.insert(alerts).values(row);
  return row;
}
