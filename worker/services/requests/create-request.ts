import { and, eq, sql } from "drizzle-orm";
import { firstRow, insertStatement, statementOf, statementTemplate } from "../../db/statements.ts";
import { areas, households, outbox, requestEvents, serviceRequests, users, volunteerLeads } from "../../db/schema/index.ts";
import type { Channel } from "../../db/schema/service-requests.ts";
import type { Urgency } from "../../db/schema/services.ts";
import type { Deps, Principal } from "../../deps.ts";
import { pathLevelIds } from "../../db/path-levels.ts";
import { assertScope, callerIdentity } from "../../lib/authz.ts";
import { claimStatements, type IdempotencyClaim, type StoredAnswer } from "../../lib/idempotency-claim.ts";
import { newId } from "../../lib/ids.ts";
import { AppError } from "../../lib/problem.ts";
import { actorOf } from "../audit/record-audit.ts";
import { getService } from "../catalogue/get-service.ts";
import { validateAttributes } from "../catalogue/validate-attributes.ts";
import { urgencyRank } from "./lifecycle.ts";
import { newDisputeStatements, type DisputeIntake } from "../disputes/new-dispute.ts";
import { leadConversionStatements } from "../leads/convert-lead.ts";
import { eventRow, requestOutbox } from "./request-event.ts";
import { newTrackingCode } from "./tracking-code.ts";
import { viewerOf, type RequestRow } from "./viewer.ts";

const insertRequest = insertStatement(serviceRequests);
const insertEvent = insertStatement(requestEvents);
const insertOutbox = insertStatement(outbox);

// Read on most filings: rendered once, read without drizzle's result mapping (db/statements.ts).
const followerQuery = statementTemplate(
  sql`SELECT ${users.id} AS id, ${users.displayName} AS name, ${users.phone} AS phone FROM ${users} WHERE ${users.id} = ${sql.placeholder("id")} AND ${users.jurisdictionId} = ${sql.placeholder("j")}`,
);
const areaPathQuery = statementTemplate(
  sql`SELECT ${areas.path} AS path FROM ${areas} WHERE ${areas.id} = ${sql.placeholder("id")} AND ${areas.jurisdictionId} = ${sql.placeholder("j")}`,
);

export interface CreateRequestInput {
  service_code: string;
  channel?: Channel;
  description?: string;
  attributes?: Record<string, unknown>;
  urgency?: Urgency;
  location?: { lat: number; long: number };
  address?: string;
  doorplate_code?: string;
  area_id?: string;
  reporter?: { name?: string; phone?: string };
  resident_id?: string;
  media_url?: string;
  dispute?: DisputeIntake;
  source_lead_id?: string;
}

/** Where each input field sat in the client's request, for problem pointers (Open311 uses form fields). */
export interface Pointers {
  field: (name: string) => string;
  attribute: (code: string) => string;
}
const jsonPointers: Pointers = {
  field: (name) => `/body/${name}`,
  attribute: (code) => `/body/attributes/${code.replaceAll("~", "~0").replaceAll("/", "~1")}`,
};

const invalid = (pointer: string, detail: string, message = "The request is not valid.") =>
  new AppError("validation_failed", message, { extensions: { errors: [{ pointer, detail }] } });

/** The channels each kind of caller may file through, the first being the default. */
function channelsFor(caller: Principal, staff: boolean): Channel[] {
  if (caller.user) return staff ? ["staff", "phone", "walk_in", "qr"] : channelOfKey(caller.keyKind);
  switch (caller.keyKind) {
    case "admin":
    case "integration":
      return ["staff", "phone", "walk_in", "qr", "app", "kiosk", "public_account", "open311"];
    default:
      return channelOfKey(caller.keyKind);
  }
}
function channelOfKey(kind: Principal["keyKind"]): Channel[] {
  if (kind === "kiosk") return ["kiosk", "qr"];
  if (kind === "public_account") return ["public_account", "qr"];
  return ["app", "qr", "open311"];
}

/**
 * Intake from every channel (群众点单). A doorplate code fills address, grid and location; the
 * service definition validates the attribute answers; a resident follows their own request,
 * staff can file one for a resident. One batch writes the request, its first timeline event and
 * the outbox message.
 */
export async function createServiceRequest({
  deps,
  caller,
  input,
  pointers = jsonPointers,
  idempotency,
}: {
  deps: Deps;
  caller: Principal;
  input: CreateRequestInput;
  pointers?: Pointers;
  /**
   * The Idempotency-Key claim to commit with the request (see lib/idempotency-claim.ts), and the
   * answer the caller will send for the new row, stored with the claim for retries.
   */
  idempotency?: { claim: IdempotencyClaim; answer: (row: RequestRow) => StoredAnswer };
}): Promise<RequestRow> {
  assertScope(caller, "requests:write");
  const viewer = await viewerOf(deps, caller);
  const staff = viewer.kind === "desk" || viewer.kind === "staff";
  const j = caller.jurisdictionId;

  const service = await getService({ deps, jurisdictionId: j, code: input.service_code }).catch(() => null);
  if (!service || !service.active) throw invalid(pointers.field("service_code"), "unknown or retired service", "No such service.");
  const attributes = validateAttributes(service.attributes, input.attributes ?? {}, pointers.attribute);

  if (input.dispute && service.group !== "dispute") throw invalid(pointers.field("dispute"), "only for dispute services");

  // A volunteer's lead turned into a request: staff only; it lends its text and place when the
  // request names none, and is marked converted in the same batch (so only once).
  let lead: typeof volunteerLeads.$inferSelect | undefined;
  if (input.source_lead_id) {
    if (!staff) throw invalid(pointers.field("source_lead_id"), "only staff turn leads into requests");
    [lead] = await deps.db.select().from(volunteerLeads).where(and(eq(volunteerLeads.id, input.source_lead_id), eq(volunteerLeads.jurisdictionId, j)));
    if (!lead) throw invalid(pointers.field("source_lead_id"), "unknown lead");
    if (lead.status !== "new") throw new AppError("invalid_transition", `A ${lead.status} lead cannot be converted again.`, { extensions: { status_now: lead.status, allowed: [] } });
  }

  const allowed = channelsFor(caller, staff);
  const channel = input.channel ?? (input.doorplate_code && allowed.includes("qr") && !staff ? "qr" : allowed[0]!);
  if (!allowed.includes(channel)) throw invalid(pointers.field("channel"), `this credential files through: ${allowed.join(", ")}`);
  if (channel === "qr" && !input.doorplate_code) throw invalid(pointers.field("doorplate_code"), "required for the qr channel");
  if (input.urgency && !staff) throw invalid(pointers.field("urgency"), "only staff set the urgency");

  // Where: a doorplate is authoritative; otherwise an area the caller names.
  let place: { householdId: string | null; areaId: string | null; areaPath: string | null; address: string | null; lat: number | null; lng: number | null } = {
    householdId: null,
    areaId: null,
    areaPath: null,
    address: input.address ?? null,
    lat: input.location?.lat ?? null,
    lng: input.location?.long ?? null,
  };
  if (input.doorplate_code) {
    const [home] = await deps.db
      .select({ id: households.id, areaId: households.areaId, address: households.address, lat: households.lat, lng: households.lng, path: households.areaPath })
      .from(households)
      .where(and(eq(households.doorplateCode, input.doorplate_code), eq(households.jurisdictionId, j)));
    if (!home) throw invalid(pointers.field("doorplate_code"), "unknown doorplate code");
    place = {
      householdId: home.id,
      areaId: home.areaId,
      areaPath: home.path,
      address: input.address ?? home.address,
      lat: input.location?.lat ?? home.lat,
      lng: input.location?.long ?? home.lng,
    };
  } else if (!input.area_id && lead?.areaId && lead.areaPath) {
    place = { ...place, areaId: lead.areaId, areaPath: lead.areaPath, lat: place.lat ?? lead.lat, lng: place.lng ?? lead.lng };
  } else if (input.area_id) {
    const a = await firstRow<{ path: string }>(deps.client, areaPathQuery({ id: input.area_id, j }));
    if (!a) throw invalid(pointers.field("area_id"), "unknown area");
    place = { ...place, areaId: input.area_id, areaPath: a.path };
  }

  // Who follows it: the resident themself, or the resident staff filed it for.
  let reporterUserId: string | null = null;
  let reporterName = input.reporter?.name ?? null;
  let reporterPhone = input.reporter?.phone ?? null;
  const followerId = viewer.kind === "resident" ? viewer.userId : input.resident_id;
  if (input.resident_id && !staff) throw invalid(pointers.field("resident_id"), "only staff file for another resident");
  if (followerId) {
    const u = await firstRow<{ id: string; name: string | null; phone: string | null }>(deps.client, followerQuery({ id: followerId, j }));
    if (!u) throw invalid(pointers.field("resident_id"), "unknown resident");
    reporterUserId = u.id;
    reporterName ??= u.name;
    reporterPhone ??= u.phone;
  }

  const t = deps.now();
  const urgency = input.urgency ?? service.defaultUrgency;
  const base = {
    jurisdictionId: j,
    serviceId: service.id,
    serviceCode: service.code,
    serviceGroup: service.group,
    status: "submitted" as const,
    version: 1,
    active: true,
    channel,
    urgency,
    urgencyRank: urgencyRank[urgency],
    description: input.description ?? lead?.text ?? null,
    attributes,
    reporterUserId,
    reporterName,
    reporterPhone,
    submittedBy: callerIdentity(caller),
    submittedByKeyId: caller.keyId,
    ...place,
    agencyId: null,
    dispatchedAt: null,
    firstResponseDueAt: null,
    resolutionDueAt: null,
    firstRespondedAt: null,
    resolvedAt: null,
    ratedAt: null,
    closedAt: null,
    rating: null,
    ratingComment: null,
    resolutionNote: null,
    duplicateOf: null,
    overdueSince: null,
    responseBreachedAt: null,
    resolutionBreachedAt: null,
    escalationLevel: 0,
    photoCount: 0,
    mediaUrl: input.media_url ?? null,
    sourceLeadId: lead?.id ?? null,
    createdAt: t,
    updatedAt: t,
  };

  // A tracking-code clash (40 random bits) is rare but possible: try a fresh code, a few times.
  for (let attempt = 0; ; attempt++) {
    const row: RequestRow = { ...base, ...pathLevelIds(base.areaPath), id: newId("request"), trackingCode: newTrackingCode() };
    try {
      // Plain statements in one write transaction: the three inserts every filing makes are
      // written from SQL prepared once (db/statements.ts); the rarer extras come from drizzle.
      await deps.client.batch(
        [
          insertRequest(row),
          insertEvent(eventRow(caller, row, t, { type: "submitted", toStatus: "submitted", data: { channel } })),
          insertOutbox(requestOutbox(row, t, "submitted", { channel })),
          ...(service.group === "dispute" ? newDisputeStatements(deps, caller, row, input.dispute, t) : []).map(statementOf),
          ...(lead ? leadConversionStatements(deps, { jurisdictionId: j, leadId: lead.id, requestId: row.id, actor: actorOf(caller), at: t }) : []).map(statementOf),
          ...(idempotency ? claimStatements(idempotency.claim, idempotency.answer(row)) : []),
        ],
        "write",
      );
      return row;
    } catch (err) {
      if (attempt < 3 && /UNIQUE.*tracking_code/i.test(String((err as { cause?: unknown }).cause ?? err))) continue;
      throw err;
    }
  }
}
