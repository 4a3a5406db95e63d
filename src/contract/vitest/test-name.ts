/** Test names of contract cases: `<api> › <operationId> › <case>`. */
import type { ContractCase } from "../types.js";

/** The separator of the parts of a test's name. */
export const NAME_SEPARATOR = " › ";

/** The test name of a case: `<api> › <operationId> › <case>` (the case id without its operation). */
export function caseTestName(api: string, contractCase: ContractCase): string {
  const prefix = `${contractCase.operation} `;
  const label = contractCase.id.startsWith(prefix)
    ? contractCase.id.slice(prefix.length)
    : contractCase.id;
  return [api, contractCase.operation, label].join(NAME_SEPARATOR);
}

/** The annotation type of a page-walk progress message (shown by the progress reporter). */
export const PAGE_ANNOTATION = "api-contracts:page";
