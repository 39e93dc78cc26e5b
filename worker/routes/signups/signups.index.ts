import { createRouter } from "../../lib/openapi.ts";
import * as h from "./signups.handlers.ts";
import * as r from "./signups.routes.ts";

export const signups = createRouter()
  .openapi(r.signUpForTask, h.signUpForTask)
  .openapi(r.listTaskSignups, h.listTaskSignups)
  .openapi(r.listMySignups, h.listMySignups)
  .openapi(r.getSignup, h.getSignup)
  .openapi(r.withdrawSignup, h.withdrawSignup)
  .openapi(r.checkIn, h.checkIn)
  .openapi(r.checkOut, h.checkOut)
  .openapi(r.confirmAttendance, h.confirmAttendance)
  .openapi(r.markNoShow, h.markNoShow);
