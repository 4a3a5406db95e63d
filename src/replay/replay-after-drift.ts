/**
 * The replay step of `drift` and `pull`: when the project keeps recordings of an API
 * (`<root>/recordings/<api>/manifest.json`, or `$API_CONTRACTS_RECORDINGS/<api>/…`), the rebuilt
 * upstream document is checked against them too, so the report answers "would the responses we
 * actually received still be valid?" beside the spec-to-spec diff. One call per API at the call
 * site; nothing happens when there is no recording.
 */
import { stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { OpenApiDocument } from "../document/load-document.js";
import { MANIFEST_FILE } from "../runtime/har/recording-store.js";
import { compileDocument } from "./compile-spec.js";
import { type ReplayResult, replayRecordings } from "./replay-recordings.js";
import { formatReplay } from "./replay-reports.js";

/** Where drift and pull look for recordings under the project root. */
export const DEFAULT_RECORDINGS_DIR = "recordings";

/** What the replay step adds to a drift or pull run. */
export interface DriftReplay {
  readonly result: ReplayResult;
  /** The terminal summary (formatReplay). */
  readonly text: string;
  /** True when recorded traffic contradicts the new document (drift exits 1). */
  readonly contradicted: boolean;
}

/**
 * Replay `api`'s recordings against `document` (the new upstream document, named `label`), or
 * undefined when the API has no recording. Unreadable or tampered recordings throw
 * RecordingReadError (exit 2).
 */
export async function replayAfterDrift(options: {
  readonly root: string;
  readonly api: string;
  readonly document: OpenApiDocument;
  readonly label: string;
  readonly dir?: string;
}): Promise<DriftReplay | undefined> {
  const dir = resolve(
    options.root,
    options.dir ?? process.env.API_CONTRACTS_RECORDINGS ?? DEFAULT_RECORDINGS_DIR,
  );
  try {
    await stat(join(dir, options.api, MANIFEST_FILE));
  } catch {
    return undefined;
  }
  const compiled = await compileDocument(options.document, options.label, options.api);
  const result = await replayRecordings({
    dir,
    specFile: options.label,
    api: options.api,
    compiled,
  });
  return { result, text: formatReplay(result), contradicted: result.contradicted };
}

/** What {@link replayDriftResults} reads of a drift or pull result. */
export interface DriftedApi {
  readonly api: string;
  readonly fetched: { readonly build: { readonly document: OpenApiDocument } };
}

/**
 * The drift/pull call site in one line: replay every API with recordings against its rebuilt
 * upstream document, write each summary to `out`, and tell whether any recorded traffic
 * contradicts its new document (the command then exits 1).
 */
export async function replayDriftResults(
  root: string,
  results: readonly DriftedApi[],
  out: NodeJS.WritableStream,
): Promise<boolean> {
  let contradicted = false;
  for (const result of results) {
    const replay = await replayAfterDrift({
      root,
      api: result.api,
      document: result.fetched.build.document,
      label: `${result.api} (upstream)`,
    });
    if (!replay) continue;
    out.write(replay.text);
    contradicted ||= replay.contradicted;
  }
  return contradicted;
}
