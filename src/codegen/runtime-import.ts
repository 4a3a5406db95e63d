/** Which module specifier generated code uses to reach `src/runtime`. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** Specifier of the runtime for code generated outside this package (needs the package installed). */
export const PACKAGE_RUNTIME_IMPORT = "api-contracts/runtime";

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

/**
 * The runtime specifier for files written to `outDir`: a relative path to `<package>/src/runtime`
 * when `outDir` lies inside this package's checkout (so `tsc` there resolves it), otherwise
 * {@link PACKAGE_RUNTIME_IMPORT}.
 */
export function defaultRuntimeImport(outDir: string, root = packageRoot()): string {
  const target = resolve(outDir);
  const inside = relative(root, target);
  if (inside.startsWith("..") || isAbsolute(inside) || inside.split(sep).includes("node_modules")) {
    return PACKAGE_RUNTIME_IMPORT;
  }
  const path = relative(target, join(root, "src", "runtime"))
    .split(sep)
    .join("/");
  return path.startsWith(".") ? path : `./${path}`;
}
