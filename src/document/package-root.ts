/** Where the api-contracts package itself lives (its source checkout or an installed copy). */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Root folder of the api-contracts package this module belongs to (source or `dist/`). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (isPackageCheckout(dir)) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("api-contracts: cannot find the package root");
    dir = parent;
  }
}

/** True when `dir` is a checkout of api-contracts itself (its package.json is named so). */
export function isPackageCheckout(dir: string): boolean {
  const manifest = join(dir, "package.json");
  if (!existsSync(manifest)) return false;
  const { name } = JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown };
  return name === "api-contracts";
}
