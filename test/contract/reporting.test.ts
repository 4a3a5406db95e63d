import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeCoverage, formatCoverage } from "../../src/contract/reporting/coverage.js";
import { escapeXml, formatJunit } from "../../src/contract/reporting/junit-report.js";
import { formatSummary } from "../../src/contract/reporting/summary.js";
import { suiteExitCode, tallyApi } from "../../src/contract/reporting/tally.js";
import { writeReports } from "../../src/contract/reporting/write-reports.js";
import type { ApiResult, CaseResult } from "../../src/contract/run/run-api.js";
import type { SuiteResult } from "../../src/contract/run-suite.js";
import type { ContractCase, Exchange, Failure } from "../../src/contract/types.js";
import type { ApiIndex } from "../../src/runtime/operation-index.js";
import { loadShop } from "./fixture-api.js";

const SECRET = "sk_test_Zt4Lq8Nw1Rv6";

let index: ApiIndex;
let dir: string;
beforeAll(async () => {
  ({ index } = await loadShop());
  dir = await mkdtemp(join(tmpdir(), "contract-reports-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const exchange = (status: number): Exchange => ({
  method: "GET",
  url: "http://127.0.0.1:1/orders?region=eu",
  requestHeaders: { authorization: "Bearer ***" },
  status,
  contentType: "application/json",
  responseHeaders: {},
  body: { kind: "json", value: {} },
  durationMs: 3,
});

function caseResult(
  id: string,
  operation: string,
  failures: Failure[],
  extra: Partial<CaseResult["run"]> = {},
): CaseResult {
  const contractCase: ContractCase = {
    id,
    operation,
    kind: "optional-param",
    params: { query: { region: "eu", status: "open" } },
    fills: [],
    credentials: true,
  };
  return {
    run: {
      case: contractCase,
      params: contractCase.params,
      exchanges: extra.skipped ? [] : [exchange(200)],
      ...extra,
    },
    applied: extra.skipped ? [] : ["status_code_conformance", "response_schema_conformance"],
    failures,
  };
}

const failure: Failure = {
  check: "response_schema_conformance",
  operation: "orders_list",
  case: "orders_list status=<open>",
  pointer: "/results/0/total",
  message: `pattern: must match (got "1.3") & key ${SECRET}`,
};
const warning: Failure = {
  ...failure,
  check: "content_type_conformance",
  pointer: "",
  message: "body where none is documented",
  severity: "warning",
};

function apiResult(failures: Failure[]): ApiResult {
  const cases = [
    caseResult("orders_list status=<open>", "orders_list", failures),
    caseResult("orders_retrieve id from list item 0", "orders_retrieve", [], {
      skipped: "orders_list listed 0 item(s)",
    }),
  ];
  return {
    api: "shop-orders",
    target: "live",
    title: "Shop",
    version: "1",
    operations: 5,
    cases,
    specDefects: [
      {
        api: "shop-orders",
        source: "example",
        pointer: "/components/schemas/Order/properties/total/example",
        message: "breaks its pattern",
      },
    ],
    coverage: computeCoverage(
      index,
      cases.map((c) => c.run),
    ),
    notes: [],
    durationMs: 1200,
  };
}

const suite = (failures: Failure[], strictExamples = false): SuiteResult => ({
  target: "live",
  strictExamples,
  apis: [
    apiResult(failures),
    {
      ...apiResult([]),
      api: "other-api",
      skipped: "OTHER_API_TOKEN is not set",
      cases: [],
      coverage: [],
    },
  ],
  durationMs: 1500,
  secrets: [SECRET],
});

describe("tally and exit code", () => {
  it.each([
    [
      "clean run",
      { failures: [], strict: false, want: { passed: 2, failed: 0, warnings: 1, exit: 0 } },
    ],
    [
      "a violation",
      { failures: [failure], strict: false, want: { passed: 1, failed: 1, warnings: 1, exit: 1 } },
    ],
    [
      "only a warning",
      { failures: [warning], strict: false, want: { passed: 2, failed: 0, warnings: 2, exit: 0 } },
    ],
    [
      "spec defect with --strict-examples",
      { failures: [], strict: true, want: { passed: 2, failed: 0, warnings: 1, exit: 1 } },
    ],
  ])("%s", (_, { failures, strict, want }) => {
    const tally = tallyApi(apiResult(failures));
    expect([tally.checksPassed, tally.checksFailed, tally.warnings]).toEqual([
      want.passed,
      want.failed,
      want.warnings,
    ]);
    expect(tally.skippedCases).toBe(1);
    expect(suiteExitCode(suite(failures, strict))).toBe(want.exit);
  });
});

describe("summary", () => {
  it("gives per API operations, cases, checks passed/failed and spec warnings, then each failure", () => {
    const text = formatSummary(suite([failure]));
    expect(text).toContain(
      "shop-orders (live): 5 operations, 2 cases (1 skipped), checks 1 passed, 1 failed, 1 spec warning",
    );
    expect(text).toContain(
      "FAIL response_schema_conformance | orders_list status=<open> | /results/0/total |",
    );
    expect(text).toContain(
      "skipped orders_retrieve id from list item 0: orders_list listed 0 item(s)",
    );
    expect(text).toContain("other-api (live): skipped: OTHER_API_TOKEN is not set");
    expect(text).toContain("coverage of shop-orders (live):");
    expect(text).toMatch(/contract \(live\): 1 of 2 APIs run, 1 checks passed, 1 failed/);
  });
});

describe("coverage", () => {
  it("lists parameters sent and statuses seen per operation", () => {
    const text = formatCoverage("shop-orders", "live", apiResult([]).coverage);
    expect(text).toMatch(
      /orders_list\s+2\/8\s+200 of 200,401; parameters not sent: placed_from, total_min, customer, limit, offset, ordering/,
    );
    expect(text).toMatch(/orders_retrieve\s+0\/1\s+- of 200,401,404/);
  });
});

describe("JUnit", () => {
  it.each([
    ["markup", { given: `a<b>&"c"`, want: "a&lt;b&gt;&amp;&quot;c&quot;" }],
    ["control characters XML forbids", { given: "a\u0001b\nc", want: "ab\nc" }],
  ])("escapes %s", (_, { given, want }) => {
    expect(escapeXml(given)).toBe(want);
  });

  it("has a suite per API, a failure per failing check, skipped cases and APIs", () => {
    const xml = formatJunit(suite([failure]));
    expect(xml).toContain(
      '<testsuite name="shop-orders (live)" tests="3" failures="1" skipped="1"',
    );
    expect(xml).toContain(
      '<testcase name="orders_list status=&lt;open&gt;" classname="shop-orders.orders_list"',
    );
    expect(xml).toContain(
      '<failure type="response_schema_conformance" message="response_schema_conformance at /results/0/total">',
    );
    expect(xml).toContain('<skipped message="OTHER_API_TOKEN is not set"/>');
    expect(xml.match(/<testsuite /g)).toHaveLength(2);
  });
});

describe("writeReports", () => {
  it("writes JSON, JUnit, HTML and Markdown under the directory, with every secret redacted", async () => {
    const summaryFile = join(dir, "step-summary.md");
    const written = await writeReports(suite([failure]), dir, { stepSummary: summaryFile });
    expect(written.files).toEqual([
      join(dir, "contract-live.json"),
      join(dir, "contract-live.junit.xml"),
      join(dir, "contract-live.html"),
      join(dir, "contract-live.md"),
    ]);
    const [json, xml, html, markdown, stepSummary] = await Promise.all([
      readFile(written.json, "utf8"),
      readFile(written.junit, "utf8"),
      readFile(written.html, "utf8"),
      readFile(written.markdown, "utf8"),
      readFile(summaryFile, "utf8"),
    ]);
    expect(stepSummary).toBe(`${markdown}\n`);
    expect(markdown).toContain("## Contract run (live): ❌ failed");
    for (const text of [json, xml, html, markdown]) {
      expect(text).not.toContain(SECRET);
      expect(text).toContain("***");
    }
    const report = JSON.parse(json) as {
      exitCode: number;
      apis: { tally: { checksFailed: number } }[];
    };
    expect(report.exitCode).toBe(1);
    expect(report.apis[0]?.tally.checksFailed).toBe(1);
  });
});
