/**
 * The HTML report a person opens: one self-contained file (styles inline, no script, no font, no
 * network) with a summary per API, the failures grouped by check, pointer and message with their
 * count and one example body excerpt, every operation with every case and its outcome, the spec
 * warnings and the coverage table. Written from the same redacted result as the other reports.
 */
import type { ApiResult } from "../run/run-api.js";
import type { SuiteResult } from "../run-suite.js";
import { groupFailures } from "./failure-groups.js";
import { isError, suiteExitCode, tallyApi } from "./tally.js";

/** Escape text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#1b1f24;max-width:80rem}
h1{font-size:1.5rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:1px solid #d0d7de}
h3{font-size:1.05rem;margin-top:1.4rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}
th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.n{text-align:right;font-variant-numeric:tabular-nums}
code,pre{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre{background:#f6f8fa;padding:.5rem;overflow:auto;max-height:20rem;white-space:pre-wrap}
.pass{color:#1a7f37;font-weight:600}.fail{color:#cf222e;font-weight:600}
.skip,.warn{color:#9a6700;font-weight:600}.muted{color:#57606a}
`;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function summaryTable(suite: SuiteResult): string {
  const rows = suite.apis.map((api) => {
    if (api.skipped !== undefined) {
      return `<tr><td><a href="#api-${escapeHtml(api.api)}">${escapeHtml(api.api)}</a></td><td colspan="6" class="skip">skipped: ${escapeHtml(api.skipped)}</td></tr>`;
    }
    const t = tallyApi(api);
    const status =
      t.failures > 0 ? '<span class="fail">failed</span>' : '<span class="pass">passed</span>';
    return `<tr><td><a href="#api-${escapeHtml(api.api)}">${escapeHtml(api.api)}</a><div class="muted">${escapeHtml(api.title)} ${escapeHtml(api.version)}</div></td><td class="n">${api.operations}</td><td class="n">${t.cases}</td><td class="n">${t.checksPassed}</td><td class="n">${t.checksFailed}</td><td class="n">${t.specDefects}</td><td>${status}</td></tr>`;
  });
  return `<table class="summary"><thead><tr><th>API</th><th>operations</th><th>cases</th><th>checks passed</th><th>checks failed</th><th>spec warnings</th><th>result</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function groupsSection(api: ApiResult): string {
  const groups = groupFailures(api);
  if (groups.length === 0) return '<p class="pass">No failures.</p>';
  const rows = groups.map((g) => {
    const example = g.example
      ? `<details><summary>example: ${escapeHtml(g.example.case)} at <code>${escapeHtml(g.example.pointer || "(response)")}</code></summary><pre>${escapeHtml(g.example.excerpt)}</pre></details>`
      : "";
    const cases =
      g.cases.length > 5
        ? `${g.cases.slice(0, 5).map(escapeHtml).join("<br>")}<br>… and ${g.cases.length - 5} more`
        : g.cases.map(escapeHtml).join("<br>");
    return `<tr class="group"><td class="${g.severity === "error" ? "fail" : "warn"}">${escapeHtml(g.check)}</td><td><code>${escapeHtml(g.pointer || "(response)")}</code></td><td>${escapeHtml(g.message)}${example}</td><td class="n count">${g.count}×</td><td>${cases}</td></tr>`;
  });
  return `<table class="failures"><thead><tr><th>check</th><th>pointer</th><th>message</th><th>count</th><th>cases</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function operationsSection(api: ApiResult): string {
  const byOperation = new Map<string, ApiResult["cases"][number][]>();
  for (const row of api.coverage) byOperation.set(row.operation, []);
  for (const c of api.cases) {
    const list = byOperation.get(c.run.case.operation) ?? [];
    list.push(c);
    byOperation.set(c.run.case.operation, list);
  }
  return [...byOperation]
    .map(([operation, cases]) => {
      const rows = cases.map(({ run, applied, failures }) => {
        const errors = failures.filter(isError);
        const outcome =
          run.skipped !== undefined
            ? `<span class="skip">skipped</span> <span class="muted">${escapeHtml(run.skipped)}</span>`
            : errors.length > 0
              ? `<span class="fail">failed</span> ${errors.map((f) => `<div><code>${escapeHtml(f.check)}</code> at <code>${escapeHtml(f.pointer || "(response)")}</code>: ${escapeHtml(f.message)}</div>`).join("")}`
              : '<span class="pass">passed</span>';
        const statuses = run.exchanges.map((e) => e.status).join(", ") || "–";
        return `<tr><td>${escapeHtml(run.case.id)}</td><td>${escapeHtml(run.case.kind)}</td><td>${escapeHtml(statuses)}</td><td>${outcome}</td><td class="muted">${escapeHtml(applied.join(", "))}</td></tr>`;
      });
      const body =
        rows.length > 0
          ? `<table class="cases"><thead><tr><th>case</th><th>kind</th><th>status</th><th>outcome</th><th>checks</th></tr></thead><tbody>${rows.join("")}</tbody></table>`
          : '<p class="muted">No case of this operation ran in this run.</p>';
      return `<h3 class="operation" id="op-${escapeHtml(api.api)}-${escapeHtml(operation)}">${escapeHtml(operation)}</h3>${body}`;
    })
    .join("\n");
}

function coverageSection(api: ApiResult): string {
  const rows = api.coverage.map(
    (row) =>
      `<tr><td>${escapeHtml(row.operation)}</td><td class="n">${row.parameters.exercised.length}/${row.parameters.documented.length}</td><td>${escapeHtml(row.parameters.documented.filter((p) => !row.parameters.exercised.includes(p)).join(", ") || "–")}</td><td>${escapeHtml(row.statuses.exercised.join(", ") || "–")} of ${escapeHtml(row.statuses.documented.join(", "))}</td><td>${escapeHtml(row.undocumented.join(", ") || "–")}</td></tr>`,
  );
  return `<table class="coverage"><thead><tr><th>operation</th><th>parameters sent</th><th>parameters not sent</th><th>statuses seen</th><th>undocumented statuses</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/** Generated requests' keyword coverage: exercised positively, negatively, or not at all. */
function keywordSection(api: ApiResult): string {
  const rows = api.coverage.flatMap((row) =>
    (row.keywords ?? []).map(
      (k) =>
        `<tr><td>${escapeHtml(row.operation)}</td><td>${escapeHtml(k.pointer)}</td><td>${escapeHtml(k.keyword)}</td><td class="n">${k.positive}</td><td class="n">${k.negative}</td><td>${k.positive + k.negative === 0 ? "not exercised" : k.negative === 0 ? "positively only" : k.positive === 0 ? "negatively only" : "both"}</td></tr>`,
    ),
  );
  if (rows.length === 0) return "";
  return `<h3>Generated requests: keyword coverage</h3><table class="coverage"><thead><tr><th>operation</th><th>where</th><th>keyword</th><th>valid requests</th><th>mutants</th><th></th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function apiSection(api: ApiResult, strict: boolean): string {
  const head = `<h2 id="api-${escapeHtml(api.api)}">${escapeHtml(api.api)} <span class="muted">${escapeHtml(api.title)} ${escapeHtml(api.version)}</span></h2>`;
  if (api.skipped !== undefined)
    return `${head}<p class="skip">skipped: ${escapeHtml(api.skipped)}</p>`;
  const t = tallyApi(api);
  const defects =
    api.specDefects.length === 0
      ? ""
      : `<h3>Spec warnings${strict ? " (fatal: --strict-examples)" : ""}</h3><ul>${api.specDefects.map((d) => `<li><code>${escapeHtml(d.pointer || "(document)")}</code> ${escapeHtml(d.source)}: ${escapeHtml(d.message)}</li>`).join("")}</ul>`;
  const notes =
    api.notes.length === 0
      ? ""
      : `<ul class="muted">${api.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join("")}</ul>`;
  return [
    head,
    `<p>${plural(api.operations, "operation")}, ${plural(t.cases, "case")}${t.skippedCases > 0 ? ` (${t.skippedCases} skipped)` : ""}, checks ${t.checksPassed} passed, ${t.checksFailed} failed</p>`,
    "<h3>Failures, grouped</h3>",
    groupsSection(api),
    defects,
    "<h3>Operations and cases</h3>",
    operationsSection(api),
    "<h3>Coverage</h3>",
    coverageSection(api),
    keywordSection(api),
    notes,
  ].join("\n");
}

/** The whole report as one HTML document. */
export function formatHtmlReport(suite: SuiteResult, note?: string): string {
  const exit = suiteExitCode(suite);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>api-contracts: contract run (${escapeHtml(suite.target)})</title>
<style>${STYLE}</style></head>
<body>
<h1>Contract run against the ${escapeHtml(suite.target)} target: <span class="${exit === 0 ? "pass" : "fail"}">${exit === 0 ? "passed" : "failed"}</span></h1>
${note ? `<p class="muted">${escapeHtml(note)}</p>` : ""}
${summaryTable(suite)}
${suite.apis.map((api) => apiSection(api, suite.strictExamples)).join("\n")}
</body></html>
`;
}
