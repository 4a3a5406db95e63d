/**
 * The failure database: saved failures (saved-failure.ts) in one JSON file per API (default
 * `.api-contracts/failures/<api>.json`), tried first on the next run. A file is replaced whole
 * (written beside, then renamed), so a run stopped half-way never leaves half a database.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { isJsonObject } from "../../runtime/json-value.js";
import { ContractSetupError } from "../contract-errors.js";
import { type SavedFailure, savedFailureKey } from "./saved-failure.js";

/** Default folder of the failure database, relative to the working directory. */
export const DEFAULT_FAILURE_DIR = ".api-contracts/failures";

const VERSION = 1;

/** The database file of `api` under `dir`. */
export function failureFile(dir: string, api: string): string {
  return join(dir, `${api.replace(/[^A-Za-z0-9_.-]/g, "_")}.json`);
}

/** Saved failures of `api` (none when the file does not exist). @throws ContractSetupError when unreadable */
export async function readFailures(dir: string, api: string): Promise<SavedFailure[]> {
  const file = failureFile(dir, api);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw new ContractSetupError(
      `cannot read the failure database ${file}: ${(error as Error).message}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ContractSetupError(
      `the failure database ${file} is not JSON (${(error as Error).message}); delete it to start afresh`,
    );
  }
  if (!isJsonObject(parsed) || parsed.version !== VERSION || !Array.isArray(parsed.failures)) {
    throw new ContractSetupError(
      `the failure database ${file} is not a version ${VERSION} database ({ "version": ${VERSION}, "failures": [...] }); delete it to start afresh`,
    );
  }
  return (parsed.failures as SavedFailure[]).filter((f) => isJsonObject(f) && f.api === api);
}

/** Replace `api`'s saved failures with `failures` (one per key, the last wins); none removes nothing but empties the list. */
export async function writeFailures(
  dir: string,
  api: string,
  failures: readonly SavedFailure[],
): Promise<string> {
  const file = failureFile(dir, api);
  const unique = [...new Map(failures.map((f) => [savedFailureKey(f), f])).values()];
  await mkdir(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, `${JSON.stringify({ version: VERSION, failures: unique }, null, 2)}\n`);
  await rename(partial, file);
  return file;
}
