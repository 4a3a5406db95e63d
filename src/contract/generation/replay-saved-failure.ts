/**
 * A saved failure sent again, exactly as saved, and checked by the same checks: by the next run
 * (failure database first) and by the reproducer files (write-reproducer.ts), which call
 * {@link reproduceSavedFailure} with a base URL from the environment or the recorded one.
 */
import type { OpenApiDocument } from "../../document/load-document.js";
import type { ApiIndex } from "../../runtime/operation-index.js";
import type { ValidatorModule } from "../../runtime/validate/types.js";
import type { CaseResult } from "../run/case-executor.js";
import type { ApiSemantics } from "../semantics/define-semantics.js";
import type { TargetSession } from "../targets/target-session.js";
import type { SavedFailure } from "./saved-failure.js";
import { generatedSender } from "./send-generated.js";

/** What replaying needs of the API: as the contract suite loads it. */
export interface ReplayApi {
  readonly index: ApiIndex;
  readonly validators: ValidatorModule;
  readonly document: OpenApiDocument;
  readonly semantics?: ApiSemantics | undefined;
}

/** The outcome of one replay: still failing its check, or passing now. */
export interface Replayed {
  readonly failing: boolean;
  readonly result: CaseResult;
}

/** Send `failure`'s request through `session` and run the checks; failing when its check fails. */
export async function replaySavedFailure(
  failure: SavedFailure,
  api: ReplayApi,
  session: TargetSession,
  limits: { readonly timeoutMs?: number; readonly maxResponseBytes?: number } = {},
): Promise<Replayed> {
  const operation = api.index.operations[failure.operation];
  if (!operation) {
    throw new Error(
      `${failure.api}: the saved failure's operation ${failure.operation} is no longer in the spec; delete its entry from the failure database`,
    );
  }
  const send = generatedSender(
    { ...api, semantics: api.semantics, session, ...limits },
    failure.seed,
    failure.expectedStatuses,
    new Map(),
  );
  const drawn = { request: failure.request, ...(failure.breaks ? { breaks: failure.breaks } : {}) };
  const result = await send(operation, drawn, failure.mode);
  const failing = result.failures.some(
    (f) => f.check === failure.check && f.severity !== "warning",
  );
  return { failing, result };
}

/** The environment variable a reproducer reads its base URL from (else the recorded one). */
export const REPRODUCER_BASE_URL_VARIABLE = "API_CONTRACTS_REPRODUCER_BASE_URL";

/**
 * For reproducer files: send `failure` to `API_CONTRACTS_REPRODUCER_BASE_URL` (or the recorded
 * base URL) and return the messages of its check's failures: none once the defect is gone.
 * @throws Error naming the variable when a live credential is not set.
 */
export async function reproduceSavedFailure(
  failure: SavedFailure,
  api: ReplayApi,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<string[]> {
  const credential =
    "fake" in failure.credential ? failure.credential.fake : env[failure.credential.variable];
  if (credential === undefined || credential === "") {
    const variable = "variable" in failure.credential ? failure.credential.variable : "";
    throw new Error(`set ${variable} (the credential of ${failure.api}) to run this reproducer`);
  }
  const session: TargetSession = {
    api: failure.api,
    target: "fake" in failure.credential ? "mock" : "live",
    baseUrl: env[REPRODUCER_BASE_URL_VARIABLE] ?? failure.baseUrl,
    credential,
    secrets: [credential],
    prism: "fake" in failure.credential,
    transport: (request) => fetch(request),
    allowWrites: true,
    knownValues: () => ({ reason: "a reproducer sends its saved request only" }),
    headersFor: () => ({}),
  };
  const { result } = await replaySavedFailure(failure, api, session);
  return result.failures.filter((f) => f.check === failure.check).map((f) => f.message);
}
