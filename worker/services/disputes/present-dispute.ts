import type { disputeFollowUps, disputeParties, mediationSessions, requestEvents } from "../../db/schema/index.ts";
import { maskName, maskPhone } from "../../lib/mask.ts";
import { iso, isoOrNull } from "../../lib/time.ts";
import type { DisputeRow } from "./load-dispute.ts";

export const presentParty = (p: typeof disputeParties.$inferSelect) => ({ id: p.id, name: maskName(p.name), phone: maskPhone(p.phone), role: p.role });

export const presentSession = (s: typeof mediationSessions.$inferSelect) => ({
  id: s.id,
  level: s.level,
  held_at: iso(s.heldAt),
  location: s.location,
  summary: s.summary,
  outcome: s.outcome,
  created_at: iso(s.createdAt),
});

export const presentFollowUp = (f: typeof disputeFollowUps.$inferSelect) => ({
  id: f.id,
  dispute_id: f.disputeId,
  request_id: f.requestId,
  offset_days: f.offsetDays,
  due_at: iso(f.dueAt),
  status: f.status,
  result: f.result,
  note: f.note,
  done_at: isoOrNull(f.doneAt),
});

export function presentDispute(
  d: DisputeRow,
  more?: {
    parties: (typeof disputeParties.$inferSelect)[];
    sessions: (typeof mediationSessions.$inferSelect)[];
    followUps: (typeof disputeFollowUps.$inferSelect)[];
    history: (typeof requestEvents.$inferSelect)[];
  },
) {
  return {
    id: d.id,
    request_id: d.requestId,
    grade: d.grade,
    level: d.level,
    outcome: d.outcome,
    version: d.version,
    agreement: d.agreementText
      ? { text: d.agreementText, signed_at: isoOrNull(d.agreementSignedAt), party_ids: d.agreementPartyIds ?? [] }
      : null,
    mediated_at: isoOrNull(d.mediatedAt),
    parties: more ? more.parties.map(presentParty) : null,
    sessions: more ? more.sessions.map(presentSession) : null,
    follow_ups: more ? more.followUps.map(presentFollowUp) : null,
    history: more
      ? more.history.map((e) => ({ type: e.type, at: iso(e.at), from: (e.data?.from as string | null) ?? null, to: (e.data?.to as string | null) ?? null, note: e.note }))
      : null,
    created_at: iso(d.createdAt),
    updated_at: iso(d.updatedAt),
  };
}
