/**
 * The recording flags of `api-contracts test`: `--record DIR [--redact FILE]` (live only: every
 * exchange stored, redacted, as HAR) and `--target recorded DIR` (the recordings served as the
 * vendor). Resolved here so the test command needs one call: the rules are loaded and the
 * recorded servers started before any case, and every problem is a usage or setup error (exit 2).
 */

import { envNamesFor } from "../contract/targets/live-credentials.js";
import { type LiveRecording, prepareLiveRecording } from "../contract/targets/record-live.js";
import { type RecordedTarget, startRecordedTarget } from "../contract/targets/recorded-target.js";
import type { TargetName } from "../contract/types.js";
import { UsageError } from "../errors.js";

/** What the test command runs with once the recording flags are resolved. */
export interface RecordingSetup {
  /** The target the suite runs: `recorded` runs as `live` against the recorded servers. */
  readonly target: TargetName;
  /** Live with `--record`: attach to each API (`withRecording`). */
  readonly recording?: LiveRecording;
  /** `--target recorded`: the running servers (close them when the run ends). */
  readonly recorded?: RecordedTarget;
  /** `--target recorded`: the environment the live target reads instead of `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** `--target recorded` without `--api`: the recorded APIs. */
  readonly apis?: readonly string[];
}

/** Resolve `--target recorded DIR`, `--record DIR` and `--redact FILE`. */
export async function resolveRecordingFlags(
  target: TargetName | "recorded",
  values: { readonly record?: string; readonly redact?: string; readonly api?: readonly string[] },
  positionals: readonly string[],
): Promise<RecordingSetup> {
  if (target !== "recorded" && positionals.length > 0) {
    throw new UsageError(
      `unexpected argument '${positionals[0]}'; a folder is given only with --target recorded DIR`,
    );
  }
  if (values.redact !== undefined && values.record === undefined) {
    throw new UsageError(
      "--redact FILE applies to --record DIR; add --record or leave --redact out",
    );
  }
  if (target === "recorded") {
    if (values.record !== undefined) {
      throw new UsageError(
        "--record records a live run; --target recorded serves a recording instead",
      );
    }
    const [dir, ...more] = positionals;
    if (dir === undefined || more.length > 0) {
      throw new UsageError(
        "--target recorded needs exactly one folder: api-contracts test --target recorded DIR (recorded with --target live --record DIR)",
      );
    }
    const recorded = await startRecordedTarget(dir, { apis: values.api ?? [] });
    const env: Record<string, string | undefined> = { ...process.env };
    // The machine's own credentials and ids never reach the recorded servers.
    for (const api of recorded.apis) {
      const names = envNamesFor(api);
      for (const name of [names.credential, names.baseUrl, names.ids]) delete env[name];
    }
    return {
      target: "live",
      recorded,
      env: { ...env, ...recorded.env },
      apis: values.api && values.api.length > 0 ? values.api : recorded.apis,
    };
  }
  if (values.record === undefined) return { target };
  if (target !== "live") {
    throw new UsageError(
      "--record DIR records what the vendor sends: use it with --target live (a mock's answers are not worth keeping)",
    );
  }
  return { target, recording: await prepareLiveRecording(values.record, values.redact) };
}
