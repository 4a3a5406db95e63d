/**
 * A contract case built from a generated request: a ContractCase with what the generation checks
 * need to know (mode, what a negative request breaks, the statuses a valid one may get, the seed).
 */
import type { ContractCase } from "../types.js";
import type { BrokenKeyword, GeneratedRequest } from "./request-generator.js";

/** Positive: a schema-valid request. Negative: a single-keyword mutant of one. */
export type GenerationMode = "positive" | "negative";

/** What a generated case carries besides the ContractCase fields. */
export interface GenerationInfo {
  readonly mode: GenerationMode;
  readonly request: GeneratedRequest;
  /** Negative mode: the keyword broken and where. */
  readonly breaks?: BrokenKeyword;
  /** 4xx statuses a valid request may get without failing positive_data_acceptance. */
  readonly expectedStatuses: readonly number[];
  /** The run's seed, printed with every failure. */
  readonly seed: number;
}

/** A generated case. */
export interface GeneratedCase extends ContractCase {
  readonly generated: GenerationInfo;
}

/** True when `contractCase` was generated (the generation checks apply to it only). */
export function isGeneratedCase(contractCase: ContractCase): contractCase is GeneratedCase {
  return "generated" in contractCase && typeof contractCase.generated === "object";
}

/**
 * 4xx statuses a schema-valid request may get by default: the credential refused (401, 403), the
 * rate limit (429), and 404 when a path parameter names a resource that need not exist.
 */
export function defaultExpectedStatuses(hasPathParameters: boolean): number[] {
  return hasPathParameters ? [401, 403, 404, 429] : [401, 403, 429];
}

/**
 * The 4xx statuses a schema-valid request to an operation may get: `configured` (the API's
 * `generation.expectedStatuses`) in place of 401, 403 and 429 when given; 404 with path
 * parameters either way, since a generated id need not name an existing resource.
 */
export function expectedStatusesFor(
  configured: readonly number[] | undefined,
  hasPathParameters: boolean,
): number[] {
  if (configured === undefined) return defaultExpectedStatuses(hasPathParameters);
  const statuses = new Set(configured);
  if (hasPathParameters) statuses.add(404);
  return [...statuses].sort((a, b) => a - b);
}
