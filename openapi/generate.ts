import { writeFileSync } from "node:fs";
import { currentDocument, serialize } from "./document.ts";

// Regenerates the committed contract; test/platform/openapi.test.ts fails when it drifts.
writeFileSync(new URL("./openapi.json", import.meta.url), serialize(currentDocument()));
console.log("openapi/openapi.json written");
