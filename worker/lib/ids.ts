import { typeidUnboxed } from "typeid-js";

/**
 * Prefixed, time-ordered ids (TypeID: a UUIDv7 in base32 behind a type prefix, e.g.
 * `req_01jf8…`). The prefix tells a reader what an id names; time order keeps inserts
 * append-only in the b-tree and makes ids usable as a pagination tiebreaker.
 */
export const idPrefixes = {
  jurisdiction: "jur",
  agency: "agy",
  area: "area",
  user: "usr",
  household: "hh",
  apiKey: "key",
  audit: "aud",
  request: "req",
  event: "evt",
  outbox: "msg",
  volunteerTeam: "team",
  task: "tsk",
  signup: "sgn",
  lead: "lead",
  pointsEntry: "pts",
  service: "svc",
  photo: "pho",
  dispute: "dsp",
  disputeParty: "pty",
  mediationSession: "mds",
  followUp: "fup",
  webhook: "whk",
  delivery: "dlv",
  alert: "alt",
  indicator: "ind",
  fraudReport: "frp",
  intervention: "ivn",
  interventionEvent: "ive",
} as const;

export type IdKind = keyof typeof idPrefixes;

export const newId = (kind: IdKind): string => typeidUnboxed(idPrefixes[kind]);
