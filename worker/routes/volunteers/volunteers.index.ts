import { createRouter } from "../../lib/openapi.ts";
import * as h from "./volunteers.handlers.ts";
import * as r from "./volunteers.routes.ts";

export const volunteers = createRouter()
  .openapi(r.applyAsVolunteer, h.applyAsVolunteer)
  .openapi(r.getMyVolunteerProfile, h.getMyVolunteerProfile)
  .openapi(r.updateMyVolunteerProfile, h.updateMyVolunteerProfile)
  .openapi(r.listVolunteers, h.listVolunteers)
  .openapi(r.getVolunteer, h.getVolunteer)
  .openapi(r.updateVolunteer, h.updateVolunteer)
  .openapi(r.verifyVolunteer, h.verifyVolunteer)
  .openapi(r.suspendVolunteer, h.suspendVolunteer)
  .openapi(r.revealVolunteerContact, h.revealVolunteerContact)
  .openapi(r.createVolunteerTeam, h.createVolunteerTeam)
  .openapi(r.listVolunteerTeams, h.listVolunteerTeams)
  .openapi(r.getVolunteerTeam, h.getVolunteerTeam);
