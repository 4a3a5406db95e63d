/** Where `drift` and `pull` find an API's ignore file: `specs/<api>/diff-ignore.yaml`. */
import { access } from "node:fs/promises";
import { join } from "node:path";
import { apiDir } from "../document/vendor-api.js";
import { type DiffPolicy, EMPTY_POLICY, loadDiffPolicy } from "./diff-policy.js";
import { ruleLevels } from "./rule-registry.js";

/** The ignore file's name inside `specs/<api>/`. */
export const IGNORE_FILE_NAME = "diff-ignore.yaml";

/** Every check id the engine can report: what an ignore file may name. */
export function knownCheckIds(): ReadonlySet<string> {
  return new Set(ruleLevels().keys());
}

/** An API's ignore file, or the empty policy when it has none. */
export async function apiIgnoreFile(root: string, api: string): Promise<DiffPolicy> {
  const file = join(apiDir(root, api), IGNORE_FILE_NAME);
  try {
    await access(file);
  } catch {
    return EMPTY_POLICY;
  }
  return loadDiffPolicy(file, knownCheckIds(), join("specs", api, IGNORE_FILE_NAME));
}
