/**
 * The live suite without the internet: against the faithful sandbox it must pass; against each
 * drift scenario it must fail, naming the check and the JSON Pointer that catch the drift.
 */
import { afterEach, describe, expect, it } from "vitest";
import { checkDocumentExamples } from "../src/codegen/examples/check-document-examples.js";
import { isError, suiteExitCode } from "../src/contract/reporting/tally.js";
import { runContractSuite, type SuiteResult } from "../src/contract/run-suite.js";
import type { Failure } from "../src/contract/types.js";
import type { SandboxScenario } from "../src/sandbox/sandbox-scenarios.js";
import { type Sandbox, type SandboxOptions, startSandbox } from "../src/sandbox/sandbox-server.js";

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

/** The live suite against a sandbox, configured through the same variables a user sets. */
async function runAgainstSandbox(
  scenario?: SandboxScenario,
  options: SandboxOptions = {},
  concurrency?: number,
): Promise<SuiteResult> {
  sandbox = await startSandbox({ scenario, ...options });
  const env = {
    GCORE_API_KEY: sandbox.credentials.gcoreApiKey,
    GCORE_BASE_URL: sandbox.url,
    MPT_API_TOKEN: sandbox.credentials.mptToken,
    MPT_API_BASE_URL: sandbox.url,
    MPT_INVOICE_IDS: sandbox.softwareoneInvoices
      .slice(0, 3)
      .map((invoice) => invoice.id)
      .join(","),
  };
  return runContractSuite({
    target: "live",
    env,
    rate: Number.POSITIVE_INFINITY,
    concurrency,
    checkExamples: checkDocumentExamples,
  });
}

const errors = (suite: SuiteResult, api: string): Failure[] =>
  suite.apis.find((a) => a.api === api)?.cases.flatMap((c) => c.failures.filter(isError)) ?? [];

describe("live suite against the faithful sandbox", () => {
  it("passes, with every semantic check applied", async () => {
    const suite = await runAgainstSandbox();
    expect(errors(suite, "gcore-billing")).toEqual([]);
    expect(errors(suite, "softwareone-marketplace")).toEqual([]);
    expect(suiteExitCode(suite)).toBe(0);
    const applied = new Set(suite.apis.flatMap((a) => a.cases.flatMap((c) => c.applied)));
    for (const check of [
      "filters_honoured",
      "ordering_honoured",
      "pagination_coherent",
      "money_exact",
      "dates_in_order",
      "retrieve_matches_list",
    ]) {
      expect(applied, check).toContain(check);
    }
    const skipped = suite.apis.flatMap((a) => a.cases.filter((c) => c.run.skipped !== undefined));
    expect(skipped.map((c) => c.run.case.id)).toEqual([]);
  });
});

describe("live suite against a throttling sandbox", () => {
  it("passes: every 429 with Retry-After is retried as the client does", async () => {
    const statuses: number[] = [];
    // One request at a time, so a retry is the very next request and cannot meet another 429.
    const suite = await runAgainstSandbox(
      undefined,
      {
        rateLimit: { everyNth: 5, retryAfterSeconds: 0 },
        onRequest: (entry) => statuses.push(entry.status),
      },
      1,
    );
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(5);
    expect(errors(suite, "gcore-billing")).toEqual([]);
    expect(suiteExitCode(suite)).toBe(0);
  });
});

describe("live suite against each drift scenario", () => {
  it.each([
    [
      "amount-overflow",
      "gcore-billing",
      "response_schema_conformance",
      /^\/results\/0\/amount_untaxed$/,
    ],
    [
      "undocumented-enum",
      "gcore-billing",
      "response_schema_conformance",
      /^\/results\/0\/payment_state$/,
    ],
    ["undocumented-enum", "softwareone-marketplace", "response_schema_conformance", /^\/status$/],
    [
      "dropped-required-field",
      "gcore-billing",
      "response_schema_conformance",
      /^\/results\/0\/payer_id$/,
    ],
    [
      "dropped-required-field",
      "softwareone-marketplace",
      "response_schema_conformance",
      /^\/client\/status$/,
    ],
    ["ignored-filter", "gcore-billing", "filters_honoured", /^\/results\/\d+\/payment_state$/],
    ["repeated-item", "gcore-billing", "pagination_coherent", /^\/results\/0\/id$/],
    ["undocumented-500", "gcore-billing", "status_code_conformance", /^$/],
    ["undocumented-500", "softwareone-marketplace", "status_code_conformance", /^$/],
  ] as const)("%s: %s fails %s at %s", async (scenario, api, check, pointer) => {
    const suite = await runAgainstSandbox(scenario);
    expect(suiteExitCode(suite)).toBe(1);
    const found = errors(suite, api);
    const caught = found.filter((f) => f.check === check && pointer.test(f.pointer));
    expect(caught.length, JSON.stringify(found.slice(0, 5), null, 1)).toBeGreaterThan(0);
  });
});
