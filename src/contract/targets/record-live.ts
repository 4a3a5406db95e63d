/**
 * `test --target live --record DIR`: the live target's transport wrapped by the client's recorder
 * (runtime/client/record-exchange.ts), so every exchange a case sends is stored, redacted, under
 * `DIR/<api>/`. The rules are loaded in the CLI before any case (a rules file that cannot be
 * loaded is exit 2) and travel to vitest's worker inside each API's live setup.
 */
import { mkdir } from "node:fs/promises";
import { relative, resolve } from "node:path";
import { createRecorder, type Recorder } from "../../runtime/client/record-exchange.js";
import type { Transport } from "../../runtime/client/request-pipeline.js";
import {
  loadRedactionRules,
  type ResolvedRedactionRules,
} from "../../runtime/har/redaction-rules.js";
import { loadApi } from "../load-api.js";
import type { ProvidedApi } from "../vitest/run-config.js";
import type { LiveSetup } from "./live-credentials.js";

/** Where and how a live run records (plain data: it crosses into vitest's worker). */
export interface LiveRecording {
  /** Absolute folder of the recording. */
  readonly dir: string;
  readonly rules: ResolvedRedactionRules;
  readonly maxExchangeBytes?: number;
  readonly maxFolderBytes?: number;
}

/** Load the rules (RedactionRulesError, exit 2, when they cannot be) and create the folder. */
export async function prepareLiveRecording(
  dir: string,
  redactFile: string | undefined,
): Promise<LiveRecording> {
  const rules =
    redactFile === undefined
      ? { headers: [], queryParameters: [], jsonPointers: [] }
      : await loadRedactionRules(redactFile);
  const absolute = resolve(dir);
  await mkdir(absolute, { recursive: true });
  return { dir: absolute, rules };
}

/** `provided` with the recording attached to its live setup (unchanged without one, or for mock). */
export function withRecording(
  provided: ProvidedApi,
  recording: LiveRecording | undefined,
): ProvidedApi {
  if (recording === undefined || provided.target !== "live") return provided;
  const setup: RecordableSetup = { ...provided.setup, record: recording };
  return { ...provided, setup };
}

/** A live setup that may carry a recording. */
type RecordableSetup = Exclude<LiveSetup, { skipped: string }> & {
  readonly record?: LiveRecording;
};

/** `transport`, recording every exchange when `setup` carries a recording. */
export function recordingTransport(setup: RecordableSetup, transport: Transport): Transport {
  const recording = setup.record;
  if (recording === undefined) return transport;
  let recorded: Promise<Transport> | undefined;
  const start = async (): Promise<Transport> => {
    const loaded = await loadApi(setup.api);
    const recorder: Recorder = createRecorder(
      loaded.index,
      {
        dir: recording.dir,
        redact: recording.rules,
        spec: relative(process.cwd(), loaded.specFile) || loaded.specFile,
        ...(recording.maxExchangeBytes === undefined
          ? {}
          : { maxExchangeBytes: recording.maxExchangeBytes }),
        ...(recording.maxFolderBytes === undefined
          ? {}
          : { maxFolderBytes: recording.maxFolderBytes }),
      },
      [setup.credential],
    );
    await recorder.ready;
    return recorder.wrap(transport);
  };
  return async (request) => {
    recorded ??= start();
    return (await recorded)(request);
  };
}
