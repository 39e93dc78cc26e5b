import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { randomToken } from "../lib/crypto.ts";

/**
 * The embedded default needs signing secrets but must start with no setup: generate them once
 * into the data folder (git-ignored, mode 0600) and reuse them on every later start.
 */
export async function localSecrets(path: string): Promise<{ TOKEN_SECRET: string; INDICATOR_SECRET: string }> {
  if (existsSync(path)) return JSON.parse(await readFile(path, "utf8"));
  const secrets = { TOKEN_SECRET: randomToken(48), INDICATOR_SECRET: randomToken(48) };
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
