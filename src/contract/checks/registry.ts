/**
 * Every check the suite runs, in report order. Adding a check: one file exporting a `Check`, one
 * entry here. Semantic checks only speak on live targets, through the API's semantics declaration.
 */
import type { Failure } from "../types.js";
import type { Check, CheckContext } from "./check.js";
import { contentTypeConformance } from "./content-type-conformance.js";
import { datesInOrder } from "./dates-in-order.js";
import { filtersHonoured } from "./filters-honoured.js";
import { moneyExact } from "./money-exact.js";
import { negativeDataRejection } from "./negative-data-rejection.js";
import { notAServerError } from "./not-a-server-error.js";
import { orderingHonoured } from "./ordering-honoured.js";
import { paginationCoherent } from "./pagination-coherent.js";
import { positiveDataAcceptance } from "./positive-data-acceptance.js";
import { prismRequestConformance } from "./prism-request-conformance.js";
import { responseSchemaConformance } from "./response-schema-conformance.js";
import { retrieveMatchesList } from "./retrieve-matches-list.js";
import { statusCodeConformance } from "./status-code-conformance.js";

/** The registered checks. */
export const checks: readonly Check[] = [
  statusCodeConformance,
  contentTypeConformance,
  responseSchemaConformance,
  prismRequestConformance,
  filtersHonoured,
  orderingHonoured,
  paginationCoherent,
  moneyExact,
  datesInOrder,
  retrieveMatchesList,
  notAServerError,
  positiveDataAcceptance,
  negativeDataRejection,
];

/** Outcome of the checks on one case: which applied, and what they found. */
export interface CheckOutcome {
  /** Names of the checks that applied; those without an error failure passed. */
  readonly applied: readonly string[];
  readonly failures: readonly Failure[];
}

/** Run every applicable check of `registry` on one case. */
export function runChecks(ctx: CheckContext, registry: readonly Check[] = checks): CheckOutcome {
  const applied: string[] = [];
  const failures: Failure[] = [];
  for (const check of registry) {
    if (!check.appliesTo(ctx)) continue;
    applied.push(check.name);
    failures.push(...check.run(ctx));
  }
  return { applied, failures };
}
