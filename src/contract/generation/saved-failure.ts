/**
 * A generated failure as it is kept between runs (failure database) and replayed (reproducers):
 * the exact request, the check it failed, the seed, and where it was sent. Never a credential:
 * live runs record the variable it is read from; only the mock's fake is recorded as a value.
 */
import { redactSecretsDeep } from "../../runtime/redact.js";
import type { CaseResult } from "../run/case-executor.js";
import type { TargetSession } from "../targets/target-session.js";
import type { Drawn } from "./explore-operation.js";
import { type GenerationMode, isGeneratedCase } from "./generated-case.js";

/** One saved failure. */
export interface SavedFailure {
  readonly api: string;
  readonly operation: string;
  /** The check the request failed (and must fail again to be kept). */
  readonly check: string;
  readonly mode: GenerationMode;
  readonly seed: number;
  readonly request: Drawn["request"];
  readonly breaks?: Drawn["breaks"];
  /** The first failure message, for reports and the reproducer's title. */
  readonly message: string;
  /** Base URL the request was sent to. */
  readonly baseUrl: string;
  /** Live: the environment variable holding the credential. Mock: the fake itself. */
  readonly credential: { readonly variable: string } | { readonly fake: string };
  /** 4xx statuses the run accepted for valid requests. */
  readonly expectedStatuses: readonly number[];
}

/** The saved form of a found failure; undefined for a case that was not generated. */
export function toSavedFailure(
  found: { readonly check: string; readonly result: CaseResult },
  session: TargetSession,
  credentialVariable: string | undefined,
): SavedFailure | undefined {
  const contractCase = found.result.run.case;
  if (!isGeneratedCase(contractCase)) return undefined;
  const info = contractCase.generated;
  const message = found.result.failures.find((f) => f.check === found.check)?.message ?? "";
  const credential =
    session.target === "mock" || credentialVariable === undefined
      ? session.target === "mock"
        ? { fake: session.credential }
        : { variable: "API_CONTRACTS_CREDENTIAL" }
      : { variable: credentialVariable };
  const saved: Omit<SavedFailure, "credential"> = {
    api: session.api,
    operation: contractCase.operation,
    check: found.check,
    mode: info.mode,
    seed: info.seed,
    request: info.request,
    ...(info.breaks ? { breaks: info.breaks } : {}),
    message,
    baseUrl: session.baseUrl,
    expectedStatuses: info.expectedStatuses,
  };
  // A generated value never holds the credential, but a vendor's message may echo one back.
  return { ...redactSecretsDeep(saved, session.secrets), credential };
}

/** The identity of a saved failure: one per API, operation, mode and check. */
export function savedFailureKey(failure: SavedFailure): string {
  return JSON.stringify([failure.api, failure.operation, failure.mode, failure.check]);
}
