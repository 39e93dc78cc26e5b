// One file per namespace; add the new one here and as a field of `Fengqiao` (see sdk/README.md).
export { Health } from "./health.js";
export { Keys } from "./keys.js";
export { Tokens } from "./tokens.js";
