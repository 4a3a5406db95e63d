/**
 * Which optional tools a CLI command needs, and whether they are installed. A consumer's install
 * carries only what the generated clients and validators run on; the tools that read, generate and
 * diff documents are optional peer dependencies, so a command that needs one must say so (exit 2,
 * with the install command) instead of failing with a stack trace half-way through.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { packageRoot } from "../document/package-root.js";
import { MissingToolError } from "../errors.js";

/** Reading documents: multi-file bundling, JSON with comments, Swagger 2.0 conversion. */
export const DOCUMENT_TOOLS = ["@redocly/openapi-core", "jsonc-parser", "swagger2openapi"] as const;

/** Generating types and validators (`codegen`, `vendor`, `add`, `diff`, `drift`, `pull`, `replay`). */
export const CODEGEN_TOOLS = [
  ...DOCUMENT_TOOLS,
  "acorn",
  "acorn-walk",
  "magic-string",
  "openapi-typescript",
  "recheck",
  "typescript",
] as const;

/**
 * `test`: reads documents, compiles patterns, generates request values (fast-check) and runs its
 * cases with vitest. Prism is checked by the mock target alone (a live run does not need it).
 */
export const TEST_TOOLS = [...DOCUMENT_TOOLS, "fast-check", "recheck", "vitest"] as const;

/** A command that runs on the runtime dependencies alone. */
export const NO_TOOLS = [] as const;

/**
 * The packages of `tools` that do not resolve from `from` (a file URL; this module by default).
 * A package that exists but exports no CommonJS entry (`ERR_PACKAGE_PATH_NOT_EXPORTED`) counts as
 * installed: only "not found" means missing.
 */
export function missingTools(
  tools: readonly string[],
  from: string = import.meta.url,
): readonly string[] {
  const require = createRequire(from);
  return tools.filter((name) => {
    try {
      require.resolve(name);
      return false;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND";
    }
  });
}

/** The version ranges this package declares for `names` (peer, then dev dependencies). */
function declaredRanges(names: readonly string[]): { name: string; range?: string }[] {
  let manifest: {
    peerDependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  } = {};
  try {
    manifest = JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8"));
  } catch {
    // No manifest to read (never in a real install): name the packages without a range.
  }
  return names.map((name) => {
    const range = manifest.peerDependencies?.[name] ?? manifest.devDependencies?.[name];
    return range === undefined ? { name } : { name, range };
  });
}

/** Throws a {@link MissingToolError} for `command` when any of `tools` is not installed. */
export function requireTools(
  command: string,
  tools: readonly string[],
  from: string = import.meta.url,
): void {
  const missing = missingTools(tools, from);
  if (missing.length > 0) throw new MissingToolError(command, declaredRanges(missing));
}

/**
 * A {@link MissingToolError} for `command` when `error` is Node failing to find a package (an import
 * the command's tool list did not declare), else undefined. A missing relative file is a bug of
 * ours, not a missing tool, so it is left alone.
 */
export function asMissingTool(command: string, error: unknown): MissingToolError | undefined {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code !== "ERR_MODULE_NOT_FOUND" && code !== "MODULE_NOT_FOUND") return undefined;
  if (typeof message !== "string") return undefined;
  // "Cannot find package 'x' imported from …" (ESM) or "Cannot find module 'x'" (CommonJS).
  const specifier = /Cannot find (?:package|module) '([^']+)'/.exec(message)?.[1];
  if (specifier === undefined || specifier.startsWith(".") || specifier.startsWith("/"))
    return undefined;
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
  return new MissingToolError(command, declaredRanges([name]));
}
