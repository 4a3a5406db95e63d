/**
 * Sending one generated request and checking it: through the API's generated client (the spec's
 * serialisation, the credential, retries) and the target session (pacing, redaction), with the
 * registry's checks for generated cases. Shared by the generated phase, the failure database's
 * replays and the reproducers.
 */

import type { OpenApiDocument } from "../../document/load-document.js";
import { type ApiClient, createApiClient } from "../../runtime/client/create-api-client.js";
import type { ApiIndex, OperationSpec } from "../../runtime/operation-index.js";
import { redactSecrets } from "../../runtime/redact.js";
import type { ValidatorModule } from "../../runtime/validate/types.js";
import { type Check, show } from "../checks/check.js";
import { prismRequestConformance } from "../checks/prism-request-conformance.js";
import { checks as registry, runChecks } from "../checks/registry.js";
import type { CaseResult } from "../run/case-executor.js";
import { runCase } from "../run/run-case.js";
import type { ApiSemantics } from "../semantics/define-semantics.js";
import type { TargetSession } from "../targets/target-session.js";
import type { Drawn } from "./explore-operation.js";
import { expectedStatusesFor, type GeneratedCase, type GenerationMode } from "./generated-case.js";

/** One API, as the generated phase needs it. */
export interface GenerationInput {
  readonly index: ApiIndex;
  readonly validators: ValidatorModule;
  readonly document: OpenApiDocument;
  readonly semantics: ApiSemantics | undefined;
  readonly session: TargetSession;
  readonly timeoutMs?: number;
  readonly maxResponseBytes?: number;
  readonly signal?: AbortSignal;
}

/** Checks a generated case goes through. */
export const GENERATION_CHECKS: readonly Check[] = registry.filter(
  (check) => !check.semantic && check.name !== "status_code_conformance",
);

/** A client that sends `body` as the request's JSON body (the case executor sends none). */
function withBody(client: ApiClient<Record<string, never>>, body: unknown, bodyType?: string) {
  const inner = client as unknown as {
    request: (method: string, path: string, init: Record<string, unknown>) => Promise<unknown>;
  };
  return {
    ...inner,
    request: (method: string, path: string, init: Record<string, unknown>) =>
      inner.request(method, path, {
        ...init,
        body,
        headers: { ...(init.headers as object), "Content-Type": bodyType ?? "application/json" },
      }),
  } as unknown as ApiClient<Record<string, never>>;
}

/** Case id of a generated request: operation, mode, and what it breaks. */
export function generatedCaseId(operation: string, drawn: Drawn, mode: GenerationMode): string {
  const breaks = drawn.breaks ? ` ${drawn.breaks.keyword}@${drawn.breaks.pointer || "/"}` : "";
  return `${operation} generated-${mode}${breaks}`;
}

/** Builds the sender and checker of generated requests for one API. */
export function generatedSender(
  input: GenerationInput,
  seed: number,
  expected: readonly number[] | undefined,
  bodyTypes: ReadonlyMap<string, string | undefined>,
): (
  operation: OperationSpec,
  drawn: Drawn,
  mode: GenerationMode,
  step?: string,
) => Promise<CaseResult> {
  const { index, session } = input;
  const hooks = { loadValidators: () => Promise.resolve(input.validators) };
  const client = createApiClient(
    index,
    {
      baseUrl: session.baseUrl,
      fetch: session.transport,
      timeoutMs: input.timeoutMs,
      maxResponseBytes: input.maxResponseBytes,
      credential: session.credential,
    },
    hooks,
  ) as ApiClient<Record<string, never>>;
  return async (operation, drawn, mode, step) => {
    const hasPath = operation.parameters.some((p) => p.in === "path");
    const contractCase: GeneratedCase = {
      // A step of a stateful sequence is named by the step, not the mode.
      id:
        step === undefined
          ? generatedCaseId(operation.key, drawn, mode)
          : `${operation.key} stateful ${step}`,
      operation: operation.key,
      kind: "generated",
      params: {
        path: drawn.request.path,
        query: drawn.request.query,
        header: drawn.request.header,
      },
      fills: [],
      credentials: true,
      generated: {
        mode,
        request: drawn.request,
        ...(drawn.breaks ? { breaks: drawn.breaks } : {}),
        expectedStatuses: expectedStatusesFor(expected, hasPath),
        seed,
      },
    };
    const sendClient = Object.hasOwn(drawn.request, "body")
      ? withBody(client, drawn.request.body, bodyTypes.get(operation.key))
      : client;
    const outcome = await runCase(contractCase, contractCase.params, undefined, {
      session,
      operation,
      client: sendClient,
      anonymousClient: sendClient,
      ...(input.signal ? { signal: input.signal } : {}),
    });
    const { run } = outcome;
    if (run.error !== undefined) {
      return {
        run,
        applied: ["request_completed"],
        failures: [
          {
            check: "request_completed",
            operation: operation.key,
            case: contractCase.id,
            pointer: "",
            message: `${run.error}; seed ${seed}`,
          },
        ],
      };
    }
    const checked = runChecks(
      {
        api: index.api,
        target: session.target,
        prism: session.prism,
        index,
        validators: input.validators,
        operation,
        run,
        semantics: input.semantics,
      },
      mode === "negative"
        ? // Prism refusing an invalid request is the answer wanted, not a defect of ours.
          GENERATION_CHECKS.filter((c) => c !== prismRequestConformance)
        : GENERATION_CHECKS,
    );
    // The shrunk request itself, so that the summary line alone says what to send to see it.
    const body = Object.hasOwn(drawn.request, "body")
      ? ` with body ${redactSecrets(show(drawn.request.body), session.secrets)}`
      : "";
    const failures = checked.failures.map((f) => {
      const exchange = run.exchanges[f.exchange ?? 0];
      return exchange
        ? { ...f, message: `${f.message}; sent ${exchange.method} ${exchange.url}${body}` }
        : f;
    });
    return { run, applied: checked.applied, failures };
  };
}
