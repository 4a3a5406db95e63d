/** Which module specifier generated code uses to reach `src/runtime`. */
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { packageRoot } from "../document/package-root.js";

/** Specifier of the runtime for code generated outside this package (needs the package installed). */
export const PACKAGE_RUNTIME_IMPORT = "api-contracts/runtime";

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
