import { CHANGE_LEVELS, type Change, countByLevel, levelRank } from "./change.js";
import { clientAdvice } from "./client-advice.js";

/** Output formats of `diff` and `drift`. */
export type ReportFormat = "text" | "json" | "markdown";

/** Accepted `--format` values. */
export const REPORT_FORMATS: readonly ReportFormat[] = ["text", "json", "markdown"];

/** Options of the formatters. */
export interface ReportOptions {
  /** Heading of the report (`drift` names the API); defaults to "API changes". */
  readonly title?: string;
}

/** `3 changes: 1 breaking, 0 warning, 2 info` (and `, 1 accepted`), or `no changes`. */
export function summarise(changes: readonly Change[]): string {
  if (changes.length === 0) return "no changes";
  const counts = countByLevel(changes);
  const open = changes.filter((c) => !c.accepted).length;
  const accepted = changes.length - open;
  const parts = CHANGE_LEVELS.map((level) => `${counts[level]} ${level}`);
  if (accepted > 0) parts.push(`${accepted} accepted by the ignore file`);
  return `${open} change${open === 1 ? "" : "s"}: ${parts.join(", ")}`;
}

/** Names quoted from a document may hold line breaks; a report line must not. */
function oneLine(text: string): string {
  return text.replace(/\r?\n/g, " ");
}

function textLine(c: Change): string {
  const line = `${c.level.padEnd(8)} ${c.id}  ${c.operation ?? "(document)"}: ${oneLine(c.message)}  at ${c.location || "/"}`;
  return c.accepted
    ? `${line}\n         accepted: ${oneLine(c.accepted.reason)} (${c.accepted.source})`
    : line;
}

/** One line per change (accepted ones last, with their reason), then the summary: for a terminal. */
export function formatText(changes: readonly Change[], options: ReportOptions = {}): string {
  const ordered = [...changes.filter((c) => !c.accepted), ...changes.filter((c) => c.accepted)];
  const lines = ordered.map(textLine);
  const heading = options.title ? [`== ${options.title} ==`] : [];
  return `${[...heading, ...lines, summarise(changes)].join("\n")}\n`;
}

/** One JSON document: `{ summary, changes }`, where `changes` holds every change. */
export function formatJson(changes: readonly Change[]): string {
  return `${JSON.stringify({ summary: summaryOf(changes), changes }, null, 2)}\n`;
}

function summaryOf(changes: readonly Change[]) {
  return {
    total: changes.filter((c) => !c.accepted).length,
    ...countByLevel(changes),
    accepted: changes.filter((c) => c.accepted).length,
  };
}

/** Text inside a markdown table cell: pipes escaped, line breaks flattened, HTML neutralised. */
function cell(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/</g, "&lt;")
    .replace(/\r?\n/g, " ");
}

/** Inline code that survives any backticks in the text. */
function code(text: string): string {
  const body = cell(text);
  return body.includes("`") ? `\`\` ${body} \`\`` : `\`${body}\``;
}

/** Changes grouped by operation: the operation with the most severe change first. */
function byOperation(changes: readonly Change[]): [string, Change[]][] {
  const groups = new Map<string, Change[]>();
  for (const change of changes) {
    const key = change.operation ?? "(whole document)";
    const list = groups.get(key) ?? [];
    list.push(change);
    groups.set(key, list);
  }
  const worst = (list: Change[]) => Math.min(...list.map((c) => levelRank(c.level)));
  return [...groups].sort(([a, x], [b, y]) => worst(x) - worst(y) || (a < b ? -1 : a > b ? 1 : 0));
}

function markdownRows(changes: readonly Change[]): string[] {
  const rows = ["| Level | Change | What a client must do |", "| --- | --- | --- |"];
  for (const c of changes) {
    rows.push(
      `| **${c.level}** | ${cell(c.message)}<br>${code(c.id)} at ${code(c.location || "/")} | ${cell(clientAdvice(c))} |`,
    );
  }
  return rows;
}

/**
 * A pull-request comment or CI job summary: a heading, the summary, then one section per operation
 * (the operation with the most severe change first; breaking changes first within it), each change
 * with a one-line "what a client must do". Info-only operations are folded into a `<details>`
 * block; changes accepted by the ignore file are listed last with their reason.
 */
export function formatMarkdown(changes: readonly Change[], options: ReportOptions = {}): string {
  const lines = [`### ${options.title ?? "API changes"}`, "", `${summarise(changes)}.`];
  const open = changes.filter((c) => !c.accepted);
  const accepted = changes.filter((c) => c.accepted);
  const groups = byOperation(open);
  const serious = groups.filter(([, list]) => list.some((c) => c.level !== "info"));
  const quiet = groups.filter(([, list]) => list.every((c) => c.level === "info"));
  for (const [operation, list] of serious) {
    lines.push("", `#### ${code(operation)}`, "", ...markdownRows(list));
  }
  if (quiet.length > 0) {
    const count = quiet.reduce((n, [, list]) => n + list.length, 0);
    lines.push(
      "",
      `<details><summary>${count} info change${count === 1 ? "" : "s"} (nothing to do)</summary>`,
      "",
    );
    for (const [operation, list] of quiet) {
      for (const c of list) lines.push(`- ${code(operation)}: ${cell(c.message)} (${code(c.id)})`);
    }
    lines.push("", "</details>");
  }
  if (accepted.length > 0) {
    lines.push("", "#### Accepted by the ignore file", "");
    for (const c of accepted) {
      lines.push(
        `- **${c.level}** ${code(c.operation ?? "(whole document)")}: ${cell(c.message)} (${code(c.id)}). Reason: ${cell(c.accepted?.reason ?? "")}`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Render changes in one of the {@link REPORT_FORMATS}. */
export function formatReport(
  changes: readonly Change[],
  format: ReportFormat,
  options: ReportOptions = {},
): string {
  switch (format) {
    case "json":
      return formatJson(changes);
    case "markdown":
      return formatMarkdown(changes, options);
    default:
      return formatText(changes, options);
  }
}

/**
 * Several APIs' changes (`drift`, `pull`): one section per API in text (`== <api>: upstream drift ==`)
 * or markdown (`### <api>: upstream drift`); in JSON one document `{ apis: [{ api, summary, changes }] }`.
 */
export function formatDriftReport(
  results: readonly { readonly api: string; readonly changes: readonly Change[] }[],
  format: ReportFormat,
): string {
  if (format === "json") {
    const apis = results.map(({ api, changes }) => ({ api, summary: summaryOf(changes), changes }));
    return `${JSON.stringify({ apis }, null, 2)}\n`;
  }
  return results
    .map(({ api, changes }) => formatReport(changes, format, { title: `${api}: upstream drift` }))
    .join("\n");
}
