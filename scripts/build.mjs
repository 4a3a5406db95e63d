/**
 * `npm run build`: compile src/ and generated/ into a clean dist/ with tsc, then write
 * dist/build-stamp.json with the time the build started. bin/api-contracts.js runs dist/ (in a
 * checkout without tsx) only when no source file was written after that time, so a build never
 * passes for fresher than it is. As `prepare` of `npm ci --omit=dev` (no TypeScript installed)
 * it builds nothing and says so.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const startedAt = Date.now();
let tsc;
try {
  tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
} catch {
  const fix = "install the dev dependencies (`npm ci`) to build";
  if (process.env.npm_lifecycle_event === "prepare") {
    process.stderr.write(
      `api-contracts: typescript is not installed; dist/ not rebuilt (${fix})\n`,
    );
    process.exit(0);
  }
  process.stderr.write(`api-contracts: typescript is not installed: ${fix}\n`);
  process.exit(2);
}
// A clean dist/: a module deleted or moved in src/ must not live on in the package.
rmSync(join(root, "dist"), { recursive: true, force: true });
const built = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], {
  cwd: root,
  stdio: "inherit",
});
if (built.status !== 0) process.exit(built.status ?? 1);
mkdirSync(join(root, "dist"), { recursive: true });
writeFileSync(join(root, "dist", "build-stamp.json"), `${JSON.stringify({ startedAt })}\n`);
