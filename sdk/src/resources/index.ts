// One file per namespace; add the new one here and as a field of `Fengqiao` (see sdk/README.md).
export { Agencies } from "./agencies.js";
export { Areas } from "./areas.js";
export { Audit } from "./audit.js";
export { Doorplates } from "./doorplates.js";
export { Health } from "./health.js";
export { Households } from "./households.js";
export { Keys } from "./keys.js";
export { Leads } from "./leads.js";
export { Points } from "./points.js";
export { Signups } from "./signups.js";
export { Stats } from "./stats.js";
export { Tasks } from "./tasks.js";
export { Tokens } from "./tokens.js";
export { Users } from "./users.js";
export { Volunteers } from "./volunteers.js";
