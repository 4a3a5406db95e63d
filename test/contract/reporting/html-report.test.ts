/**
 * The HTML report in a real headless Chromium: what a person opening it looks for is there
 * (each API and operation named, the failures grouped with their counts, an example body, the
 * coverage table), it renders, and it is one self-contained file (no script, no external style,
 * font or image, nothing fetched).
 */
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatHtmlReport } from "../../../src/contract/reporting/html-report.js";
import type { ApiResult, CaseResult } from "../../../src/contract/run/run-api.js";
import type { SuiteResult } from "../../../src/contract/run-suite.js";
import type { Failure } from "../../../src/contract/types.js";
import { ensureChromium, headless } from "../../support/headless-chromium.js";

/** One case of `operation`, with its failures and a body excerpt. */
function caseOf(operation: string, label: string, failures: Failure[] = []): CaseResult {
  return {
    run: {
      case: {
        id: `${operation} ${label}`,
        operation,
        kind: "optional-param",
        params: {},
        fills: [],
        credentials: true,
      },
      params: {},
      exchanges: [
        {
          method: "GET",
          url: "http://127.0.0.1:1/x",
          requestHeaders: { authorization: "apikey ***" },
          status: 200,
          contentType: "application/json",
          responseHeaders: {},
          body: { kind: "json", value: null },
          durationMs: 1,
          excerpt: '{\n  "results": [{ "amount_untaxed": "1234.500000000000" }]\n}',
        },
      ],
    },
    applied: ["status_code_conformance", "response_schema_conformance"],
    failures,
  };
}

const overflow = (label: string, item: number): Failure => ({
  check: "response_schema_conformance",
  operation: "invoices_list",
  case: `invoices_list ${label}`,
  pointer: `/results/${item}/amount_untaxed`,
  message: "pattern: must match the pattern ^\\d{1,3}\\.\\d{12}$ <script>",
});

function api(name: string, cases: CaseResult[], operations: string[]): ApiResult {
  return {
    api: name,
    target: "live",
    title: `${name} title`,
    version: "1.0",
    operations: operations.length,
    cases,
    specDefects: [],
    coverage: operations.map((operation) => ({
      operation,
      parameters: { documented: ["limit"], exercised: ["limit"] },
      statuses: { documented: ["200"], exercised: ["200"] },
      undocumented: [],
    })),
    notes: [],
    durationMs: 10,
  };
}

const SUITE: SuiteResult = {
  target: "live",
  strictExamples: false,
  durationMs: 10,
  secrets: [],
  apis: [
    api(
      "billing-api",
      [
        caseOf("invoices_list", "limit=1", [overflow("limit=1", 0)]),
        caseOf("invoices_list", "limit=2", [overflow("limit=2", 0), overflow("limit=2", 1)]),
        caseOf("invoices_retrieve", "id from list item 0"),
      ],
      ["invoices_list", "invoices_retrieve"],
    ),
    api("market-api", [caseOf("get_invoice", "required params only")], ["get_invoice"]),
  ],
};

/** Visible text of the rows of the table with class `name`, cells joined by " | ". */
function rows(dom: string, name: string): string[] {
  const table = new RegExp(`<table class="${name}">([\\s\\S]*?)</table>`, "g");
  return [...dom.matchAll(table)].flatMap((m) =>
    [...(m[1] ?? "").matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
      [...(row[1] ?? "").matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)]
        .map((cell) =>
          (cell[1] ?? "")
            .replace(/<[^>]+>/g, " ")
            .replace(/\s+/g, " ")
            .trim(),
        )
        .join(" | "),
    ),
  );
}

let dir: string;
let file: string;
let unavailable: string | undefined;
let dom = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "html-report-"));
  file = join(dir, "contract-live.html");
  await writeFile(file, formatHtmlReport(SUITE));
  unavailable = await ensureChromium();
  if (unavailable) {
    process.stderr.write(`skipping the browser checks: ${unavailable}\n`);
    return;
  }
  dom = await headless(["--dump-dom", pathToFileURL(file).href]);
}, 900_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the HTML report in headless Chromium", () => {
  it("names each API and each operation", ({ skip }) => {
    if (unavailable) skip(unavailable);
    for (const name of ["billing-api", "market-api"]) {
      expect(dom).toMatch(new RegExp(`<h2 id="api-${name}">${name} `));
    }
    const operations = [...dom.matchAll(/<h3 class="operation"[^>]*>([^<]+)<\/h3>/g)].map(
      (m) => m[1],
    );
    expect(operations).toEqual(["invoices_list", "invoices_retrieve", "get_invoice"]);
    expect(rows(dom, "summary")).toEqual([
      "API | operations | cases | checks passed | checks failed | spec warnings | result",
      "billing-api billing-api title 1.0 | 2 | 3 | 4 | 2 | 0 | failed",
      "market-api market-api title 1.0 | 1 | 1 | 2 | 0 | 0 | passed",
    ]);
  });

  it("groups identical failures with their count and one example body", ({ skip }) => {
    if (unavailable) skip(unavailable);
    const groups = rows(dom, "failures");
    expect(groups).toHaveLength(2);
    expect(groups[1]).toContain("response_schema_conformance | /results/*/amount_untaxed |");
    expect(groups[1]).toContain("| 3× | invoices_list limit=1 invoices_list limit=2");
    expect(groups[1]).toContain("1234.500000000000");
    // The message's "<script>" is text in the page, not an element.
    expect(groups[1]).toContain("&lt;script&gt;");
    expect(dom).not.toMatch(/<script/i);
  });

  it("shows every case with its outcome, and the coverage table", ({ skip }) => {
    if (unavailable) skip(unavailable);
    expect(rows(dom, "cases").filter((r) => !r.startsWith("case |"))).toEqual([
      expect.stringMatching(/^invoices_list limit=1 \| optional-param \| 200 \| failed/),
      expect.stringMatching(/^invoices_list limit=2 \| optional-param \| 200 \| failed/),
      expect.stringMatching(/^invoices_retrieve id from list item 0 \| .* \| passed/),
      expect.stringMatching(/^get_invoice required params only \| .* \| passed/),
    ]);
    expect(rows(dom, "coverage")).toContain("invoices_list | 1/1 | – | 200 of 200 | –");
  });

  it("renders as a page (a screenshot of it is an image)", async ({ skip }) => {
    if (unavailable) skip(unavailable);
    const png = join(dir, "report.png");
    await headless([`--screenshot=${png}`, "--window-size=1200,900", pathToFileURL(file).href]);
    const bytes = await readFile(png);
    expect(bytes.subarray(1, 4).toString()).toBe("PNG");
    expect((await stat(png)).size).toBeGreaterThan(10_000);
  });
});

describe("the HTML report is one self-contained file", () => {
  it("has no script, no external stylesheet, font, image or link to fetch", async () => {
    const html = await readFile(file, "utf8");
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|@font-face/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
  });
});
