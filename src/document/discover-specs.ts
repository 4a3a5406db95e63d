/** Finding the vendored documents: one `specs/<api>/openapi.{yaml,yml,json}` per API. */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { SpecError } from "../errors.js";
import { API_ID_PATTERN } from "./api-id.js";
import { loadOpenApiFile, type OpenApiDocument } from "./load-document.js";

/** File names a spec folder may hold its document under. */
export const SPEC_FILE_NAMES = ["openapi.yaml", "openapi.yml", "openapi.json"];

/** One API's vendored document. */
export interface SpecSource {
  readonly api: string;
  /** Absolute path. */
  readonly file: string;
  /** Path relative to the root, with `/` (`specs/gcore-billing/openapi.yaml`): used in headers. */
  readonly sourceFile: string;
}

/**
 * The APIs under `<root>/specs/`, sorted by id: every folder holding an `openapi.*` file. A folder
 * name that is not a kebab-case id, or one with two documents, is a {@link SpecError}.
 */
export async function discoverSpecs(root: string): Promise<SpecSource[]> {
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(join(root, "specs"), { withFileTypes: true });
  } catch {
    return [];
  }
  const sources: SpecSource[] = [];
  for (const entry of entries
    .filter((e) => e.isDirectory())
    .sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const names = new Set(await readdir(join(root, "specs", entry.name)));
    const found = SPEC_FILE_NAMES.filter((name) => names.has(name));
    if (found.length === 0) continue;
    const folder = `specs/${entry.name}`;
    if (found.length > 1) {
      throw new SpecError(`${folder}: holds ${found.join(" and ")}; keep exactly one`, folder);
    }
    if (!API_ID_PATTERN.test(entry.name)) {
      throw new SpecError(
        `${folder}: folder name is not a valid API id; rename it to lowercase kebab-case such as 'gcore-billing'`,
        folder,
      );
    }
    const name = found[0] as string;
    sources.push({
      api: entry.name,
      file: join(root, "specs", entry.name, name),
      sourceFile: `${folder}/${name}`,
    });
  }
  return sources;
}

/**
 * Read and parse one document the way every command does (load-document.ts: references to other
 * files bundled, Swagger 2.0 converted); errors name `displayName`, the path the user knows.
 */
export async function readSpec(file: string, displayName: string): Promise<OpenApiDocument> {
  return loadOpenApiFile(file, displayName);
}
