import { build, type BuildOptions } from "esbuild";
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

/**
 * `npm run sdk:build`: sdk/dist/index.js (one ESM file, readable), sdk/dist/fengqiao.min.js (for a
 * `<script type="module">` on a kiosk page) and the .d.ts declarations from tsc.
 */
const sdk = fileURLToPath(new URL("../", import.meta.url));
const entry = `${sdk}src/index.ts`;

/** ES2019 reaches the browsers kiosks and mini-program base libraries still run. */
const common: BuildOptions = { bundle: true, format: "esm", target: "es2019", platform: "neutral", logLevel: "silent" };

/**
 * Bundle of `source` (an ES module that imports from the SDK), minified for size checks and pages.
 * Of the whole SDK it is byte for byte dist/fengqiao.min.js, or with `minify: false` dist/index.js.
 */
export async function bundle(source = `export * from ${JSON.stringify(entry)};`, { minify = true } = {}): Promise<string> {
  const out = await build({ ...common, stdin: { contents: source, resolveDir: sdk, loader: "ts" }, minify, write: false });
  return out.outputFiles[0]!.text;
}

export const gzipSize = (code: string) => gzipSync(code, { level: 9 }).length;

/**
 * The core: a client with every namespace, errors, retries, pagination and the fetch transport.
 * The kiosk queue, webhook verification and wx transport are tree-shaken away unless imported.
 */
export const CORE_ENTRY = `export { Fengqiao, ApiError } from ${JSON.stringify(entry)};`;

if (import.meta.url === `file://${process.argv[1]}`) {
  rmSync(`${sdk}dist`, { recursive: true, force: true });
  await build({ ...common, entryPoints: [entry], outfile: `${sdk}dist/index.js` });
  await build({ ...common, entryPoints: [entry], outfile: `${sdk}dist/fengqiao.min.js`, minify: true });
  execFileSync("npx", ["tsc", "-p", `${sdk}tsconfig.json`], { stdio: "inherit" });
  const core = await bundle(CORE_ENTRY);
  const all = await bundle();
  console.log(`sdk/dist built: core ${(gzipSize(core) / 1024).toFixed(2)} kB min+gzip, everything ${(gzipSize(all) / 1024).toFixed(2)} kB`);
}
