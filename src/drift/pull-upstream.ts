import { randomBytes } from "node:crypto";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { apiDir, writeVendored } from "../document/vendor-api.js";
import { type DriftResult, detectDrift, type UpstreamOptions } from "./detect-drift.js";

/** What `pull` did for one API. */
export interface PullResult extends DriftResult {
  /** Upstream copies that changed and were rewritten under `specs/<api>/upstream/` (relative to the root). */
  readonly copiesWritten: readonly string[];
  readonly documentChanged: boolean;
  readonly manifestChanged: boolean;
}

/**
 * Pull upstream into the repository, so that one `git diff` shows spec, types and validators
 * changing together: read every API's upstream documents and rebuild them first (nothing is written
 * if any fails), then write the upstream copies, the vendored document and source.json's sha256 and
 * info.version. The caller regenerates `generated/` (codegen sits beside drift, not below it).
 */
export async function pullApis(
  root: string,
  apis: readonly string[],
  options: UpstreamOptions = {},
): Promise<PullResult[]> {
  const drifts: DriftResult[] = [];
  for (const api of apis) drifts.push(await detectDrift(root, api, options));
  const results: PullResult[] = [];
  for (const drift of drifts) {
    const { fetched } = drift;
    const copiesWritten: string[] = [];
    for (const [file, bytes] of fetched.texts) {
      const path = join(apiDir(root, drift.api), "upstream", file);
      const current = await readFile(path).catch(() => undefined);
      if (current?.equals(bytes)) continue;
      await writeBytesAtomic(path, bytes);
      copiesWritten.push(join("specs", drift.api, "upstream", file));
    }
    const written = await writeVendored(root, fetched);
    results.push({
      ...drift,
      copiesWritten,
      documentChanged: written.documentChanged,
      manifestChanged: written.manifestChanged,
    });
  }
  return results;
}

/** Byte-for-byte (the sha256 in source.json is of these bytes), via a temporary file and a rename. */
async function writeBytesAtomic(file: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
