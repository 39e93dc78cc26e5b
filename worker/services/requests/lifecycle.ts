import type { RequestStatus } from "../../db/schema/service-requests.ts";

/**
 * The closed loop as a table: for each verb, the states it may start from and the state it
 * leads to. Everything else about a transition (who, what it records) lives in its verb file.
 */
export const transitions = {
  dispatch: { from: ["submitted", "declined", "reopened"], to: "dispatched", event: "dispatched" },
  accept: { from: ["dispatched", "transferred"], to: "accepted", event: "accepted" },
  decline: { from: ["dispatched", "transferred"], to: "declined", event: "declined" },
  transfer: { from: ["dispatched", "transferred", "accepted", "in_progress"], to: "transferred", event: "transferred" },
  start: { from: ["accepted"], to: "in_progress", event: "started" },
  resolve: { from: ["accepted", "in_progress"], to: "resolved", event: "resolved" },
  rate: { from: ["resolved"], to: "rated", event: "rated" },
  close: { from: ["resolved", "rated"], to: "closed", event: "closed" },
  withdraw: { from: ["submitted", "dispatched", "transferred", "accepted", "declined", "in_progress", "reopened"], to: "withdrawn", event: "withdrawn" },
  "mark-duplicate": { from: ["submitted", "declined", "reopened", "dispatched", "transferred"], to: "duplicate", event: "marked_duplicate" },
  "mark-invalid": { from: ["submitted", "declined", "reopened", "dispatched", "transferred"], to: "invalid", event: "marked_invalid" },
  reopen: { from: ["resolved", "rated", "closed"], to: "reopened", event: "reopened" },
} as const satisfies Record<string, { from: readonly RequestStatus[]; to: RequestStatus; event: string }>;

export type Verb = keyof typeof transitions;
export const verbs = Object.keys(transitions) as Verb[];

/** Not yet resolved and not finished: SLA clocks run and the request shows in work queues. */
export const activeStatuses: readonly RequestStatus[] = ["submitted", "dispatched", "transferred", "accepted", "declined", "in_progress", "reopened"];
/** Waiting at the duty desk for (re-)dispatch. */
export const deskStatuses: readonly RequestStatus[] = ["submitted", "declined", "reopened"];
/** With an agency that has to act on it. */
export const agencyStatuses: readonly RequestStatus[] = ["dispatched", "transferred", "accepted", "in_progress"];
/** Nothing more happens (except the desk reopening a closed request). */
export const finishedStatuses: readonly RequestStatus[] = ["closed", "withdrawn", "duplicate", "invalid"];
/** Open311's two-valued status. */
export const open311Closed: readonly RequestStatus[] = ["resolved", "rated", "closed", "withdrawn", "duplicate", "invalid"];

export const allowedFrom = (status: RequestStatus): Verb[] =>
  verbs.filter((v) => (transitions[v].from as readonly RequestStatus[]).includes(status));

export const isActive = (status: RequestStatus) => activeStatuses.includes(status);

/** Days after resolution that an unrated request is closed by the scheduled job. */
export const AUTO_CLOSE_DAYS = 7;

/** The inbox sorts on this: emergencies first. */
export const urgencyRank = { normal: 0, urgent: 1, emergency: 2 } as const;
