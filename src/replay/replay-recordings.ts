/**
 * Re-checking recorded traffic against a (new) spec: every recorded response validated with the
 * spec's own validators (compile-spec.ts, codegen's emitter), per operation of the new document:
 * the responses it rejects (JSON Pointer and rule), the fields the traffic shows and the spec does
 * not describe, and the operations no recording covers; recorded requests no operation of the new
 * spec describes are listed too. Fields the recording redacted by pointer are not judged.
 */
import type { Entry } from "har-format";
import { responseSchema } from "../document/schema-shape.js";
import type { RecordedEntry } from "../runtime/har/har-entry.js";
import { operationMatcher } from "../runtime/har/match-operation.js";
import { readRecordings } from "../runtime/har/recording-store.js";
import { isJsonMediaType } from "../runtime/media-type.js";
import type { OperationSpec } from "../runtime/operation-index.js";
import { findResponse } from "../runtime/validate/match-response.js";
import type { Violation } from "../runtime/validate/types.js";
import { validateResponseWith } from "../runtime/validate/validate-with-module.js";
import { type CompiledSpec, compileSpec } from "./compile-spec.js";
import { undocumentedFields } from "./undocumented-fields.js";

/** One recorded response the spec rejects. */
export interface RejectedResponse {
  /** The HAR file and the entry's pointer in it (`/log/entries/3`). */
  readonly file: string;
  readonly entry: string;
  readonly status: number;
  /** Request URL as recorded (credentials already redacted). */
  readonly url: string;
  readonly violations: readonly Violation[];
}

/** What replay found for one operation of the spec. */
export interface ReplayedOperation {
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  /** Recorded exchanges of this operation. */
  readonly exchanges: number;
  readonly rejected: readonly RejectedResponse[];
  /** Pointers (array indices as `*`) of body fields the spec does not describe. */
  readonly undocumentedFields: readonly string[];
}

/** A recorded request no operation of the spec describes. */
export interface UndescribedRequest {
  readonly method: string;
  readonly url: string;
  /** The operation it was recorded as (from the old spec). */
  readonly recordedAs: string | null;
  readonly file: string;
}

/** Replay of one API's recording against one spec. */
export interface ApiReplay {
  readonly api: string;
  readonly specFile: string;
  readonly recording: string;
  readonly operations: readonly ReplayedOperation[];
  readonly undescribed: readonly UndescribedRequest[];
  /** Operations of the spec no recorded exchange covers. */
  readonly uncovered: readonly string[];
}

/** The whole replay. `contradicted` is true when any recorded response is rejected (exit 1). */
export interface ReplayResult {
  readonly dir: string;
  readonly apis: readonly ApiReplay[];
  readonly contradicted: boolean;
}

/** Options of {@link replayRecordings}. */
export interface ReplayOptions {
  readonly dir: string;
  readonly specFile: string;
  /** Only this API's recording (required when the folder holds several). */
  readonly api?: string;
  /** A spec already compiled (drift and pull compile theirs once). */
  readonly compiled?: CompiledSpec;
}

/** Replay the recordings in `dir` against `specFile`. Unreadable recordings: RecordingReadError. */
export async function replayRecordings(options: ReplayOptions): Promise<ReplayResult> {
  const recordings = await readRecordings(options.dir, options.api ? { api: options.api } : {});
  const apis: ApiReplay[] = [];
  for (const recording of recordings) {
    const api = recording.manifest.api;
    const compiled =
      options.compiled && options.compiled.api === api
        ? options.compiled
        : await compileSpec(options.specFile, api);
    apis.push(replayApi(compiled, recording.path, recording.hars));
  }
  return {
    dir: options.dir,
    apis,
    contradicted: apis.some((a) => a.operations.some((o) => o.rejected.length > 0)),
  };
}

/** Replay one API's HAR logs (by file name) against its compiled spec. */
export function replayApi(
  compiled: CompiledSpec,
  path: string,
  hars: ReadonlyMap<string, { readonly log: { readonly entries: Entry[] } }>,
): ApiReplay {
  const operations = Object.values(compiled.index.operations);
  const match = operationMatcher(operations);
  const results = new Map<
    string,
    { exchanges: number; rejected: RejectedResponse[]; fields: Set<string> }
  >();
  for (const operation of operations)
    results.set(operation.key, { exchanges: 0, rejected: [], fields: new Set() });
  const undescribed: UndescribedRequest[] = [];
  for (const [name, har] of hars) {
    const file = `${path}/${name}`;
    har.log.entries.forEach((raw, i) => {
      const entry = raw as RecordedEntry;
      const found = match(entry.request.method, entry.request.url);
      if (!found) {
        undescribed.push({
          method: entry.request.method,
          url: entry.request.url,
          recordedAs: entry._operation ?? null,
          file,
        });
        return;
      }
      const result = results.get(found.operation.key);
      if (!result) return;
      result.exchanges++;
      const judged = judge(compiled, found.operation, entry);
      if (judged.violations.length > 0) {
        result.rejected.push({
          file,
          entry: `/log/entries/${i}`,
          status: entry.response.status,
          url: entry.request.url,
          violations: judged.violations,
        });
      }
      for (const field of judged.fields) result.fields.add(field);
    });
  }
  return {
    api: compiled.api,
    specFile: compiled.specFile,
    recording: path,
    operations: operations.map((operation) => {
      const result = results.get(operation.key) ?? {
        exchanges: 0,
        rejected: [],
        fields: new Set<string>(),
      };
      return {
        operation: operation.key,
        method: operation.method.toUpperCase(),
        path: operation.path,
        exchanges: result.exchanges,
        rejected: result.rejected,
        undocumentedFields: [...result.fields].sort(),
      };
    }),
    undescribed,
    uncovered: operations
      .filter((o) => (results.get(o.key)?.exchanges ?? 0) === 0)
      .map((o) => o.key),
  };
}

/** One recorded response against the operation: violations (minus redacted fields) and new fields. */
function judge(
  compiled: CompiledSpec,
  operation: OperationSpec,
  entry: RecordedEntry,
): { violations: Violation[]; fields: string[] } {
  const { content, status } = entry.response;
  const contentType = content.mimeType || undefined;
  let body: unknown;
  const json = contentType !== undefined && isJsonMediaType(contentType);
  if (content.size === 0 || content.text === undefined || content.text === "") body = undefined;
  else if (json && content.encoding !== "base64") {
    try {
      body = JSON.parse(content.text);
    } catch {
      return {
        violations: [
          { pointer: "", keyword: "body", message: `the recorded ${contentType} body is not JSON` },
        ],
        fields: [],
      };
    }
  } else body = content.text;
  const result = validateResponseWith(compiled.index, compiled.validators, {
    operation: operation.key,
    status,
    ...(contentType ? { contentType } : {}),
    body,
  });
  const redacted = (entry._redactedPointers ?? [])
    .filter((p) => p.startsWith("response/"))
    .map((p) => p.slice("response".length));
  const violations = result.errors.filter(
    (v) => !redacted.some((p) => v.pointer === p || v.pointer.startsWith(`${p}/`)),
  );
  const documented = findResponse(operation, status);
  const schema =
    documented && json
      ? responseSchema(compiled.document, operation, documented.status)
      : undefined;
  const fields =
    schema && body !== undefined ? undocumentedFields(compiled.document, schema, body) : [];
  return { violations, fields };
}
