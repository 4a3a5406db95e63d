import { describe, expect, it } from "vitest";
import {
  anyChangeReaches,
  type Change,
  compareChanges,
  type FailOn,
} from "../../src/drift/change.js";
import {
  formatJson,
  formatMarkdown,
  formatReport,
  formatText,
  summarise,
} from "../../src/drift/format-report.js";

const changes: Change[] = [
  {
    id: "response-property-enum-value-added",
    level: "warning",
    operation: "GET /invoices/{id}",
    location: "/components/schemas/Status/enum",
    message: "added the enum value \"Void\" to response property 'status' (200 application/json)",
  },
  {
    id: "api-path-removed-without-deprecation",
    level: "breaking",
    operation: "GET /invoices",
    location: "/paths/~1invoices/get",
    message: "path and operation removed",
  },
  {
    id: "api-documentation-changed",
    level: "info",
    operation: null,
    location: "/info/description",
    message: "a | b\nc",
  },
];

describe("change levels", () => {
  it.each<[FailOn, boolean, boolean, boolean]>([
    ["breaking", true, false, false],
    ["warning", true, true, false],
    ["info", true, true, true],
    ["never", false, false, false],
  ])(
    "--fail-on %s: reached by breaking %s, warning %s, info %s",
    (failOn, breaking, warning, info) => {
      expect(anyChangeReaches([changes[1] as Change], failOn)).toBe(breaking);
      expect(anyChangeReaches([changes[0] as Change], failOn)).toBe(warning);
      expect(anyChangeReaches([changes[2] as Change], failOn)).toBe(info);
      expect(anyChangeReaches([], failOn)).toBe(false);
    },
  );

  it("sorts most severe first", () => {
    expect([...changes].sort(compareChanges).map((c) => c.level)).toEqual([
      "breaking",
      "warning",
      "info",
    ]);
  });
});

describe("report formats", () => {
  it("summarises counts per level", () => {
    expect(summarise(changes)).toBe("3 changes: 1 breaking, 1 warning, 1 info");
    expect(summarise([])).toBe("no changes");
  });

  it("text: one line per change, then the summary", () => {
    const lines = formatText(changes).trimEnd().split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe(
      "breaking api-path-removed-without-deprecation  GET /invoices: path and operation removed  at /paths/~1invoices/get",
    );
    expect(lines[3]).toBe("3 changes: 1 breaking, 1 warning, 1 info");
  });

  it("json: one document whose changes array holds every change", () => {
    const parsed = JSON.parse(formatJson(changes));
    expect(parsed.changes).toEqual(changes);
    expect(parsed.summary).toEqual({ total: 3, breaking: 1, warning: 1, info: 1, accepted: 0 });
    expect(JSON.parse(formatReport([], "json"))).toEqual({
      summary: { total: 0, breaking: 0, warning: 0, info: 0, accepted: 0 },
      changes: [],
    });
  });

  it("markdown: grouped by operation, most severe first, each change with what a client must do", () => {
    const text = formatMarkdown(changes, { title: "gcore-billing drift" });
    const lines = text.trimEnd().split("\n");
    expect(lines.slice(0, 9)).toEqual([
      "### gcore-billing drift",
      "",
      "3 changes: 1 breaking, 1 warning, 1 info.",
      "",
      "#### `GET /invoices`",
      "",
      "| Level | Change | What a client must do |",
      "| --- | --- | --- |",
      "| **breaking** | path and operation removed<br>`api-path-removed-without-deprecation` at `/paths/~1invoices/get` | Stop calling this operation; move to its replacement before you upgrade. |",
    ]);
    expect(text).toContain("#### `GET /invoices/{id}`");
    expect(text).toContain("Handle unknown values (a default branch in every switch over it).");
    // Info-only groups are folded; pipes and line breaks in quoted text are escaped.
    expect(text).toContain("<details><summary>1 info change (nothing to do)</summary>");
    expect(text).toContain("- `(whole document)`: a \\| b c (`api-documentation-changed`)");
    expect(text.indexOf("GET /invoices`")).toBeLessThan(text.indexOf("GET /invoices/{id}`"));
    expect(formatReport([], "markdown")).toBe("### API changes\n\nno changes.\n");
  });

  it("markdown and text list accepted changes last, with their reason, and do not count them", () => {
    const accepted: Change[] = [
      {
        ...(changes[1] as Change),
        accepted: { reason: "replaced by /v2", source: "x.yaml ignore[0]" },
      },
      changes[2] as Change,
    ];
    expect(summarise(accepted)).toBe(
      "1 change: 0 breaking, 0 warning, 1 info, 1 accepted by the ignore file",
    );
    expect(formatMarkdown(accepted)).toContain(
      "#### Accepted by the ignore file\n\n- **breaking** `GET /invoices`: path and operation removed (`api-path-removed-without-deprecation`). Reason: replaced by /v2",
    );
    expect(formatText(accepted, { title: "gcore-billing: upstream drift" }).split("\n")).toEqual([
      "== gcore-billing: upstream drift ==",
      "info     api-documentation-changed  (document): a | b c  at /info/description",
      "breaking api-path-removed-without-deprecation  GET /invoices: path and operation removed  at /paths/~1invoices/get",
      "         accepted: replaced by /v2 (x.yaml ignore[0])",
      "1 change: 0 breaking, 0 warning, 1 info, 1 accepted by the ignore file",
      "",
    ]);
    expect(anyChangeReaches(accepted, "breaking")).toBe(false);
  });
});
