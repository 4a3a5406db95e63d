import { CHANGE_LEVELS, type Change, countByLevel } from "./change.js";

/** Output formats of `diff` and `drift`. */
export type ReportFormat = "text" | "json" | "markdown";

/** Accepted `--format` values. */
export const REPORT_FORMATS: readonly ReportFormat[] = ["text", "json", "markdown"];

/** Options of the formatters. */
export interface ReportOptions {
  /** Heading of the markdown report (`drift` names the API); defaults to "API changes". */
  readonly title?: string;
}

/** `3 changes: 1 breaking, 0 warning, 2 info`, or `no changes`. */
export function summarise(changes: readonly Change[]): string {
  if (changes.length === 0) return "no changes";
  const counts = countByLevel(changes);
  const parts = CHANGE_LEVELS.map((level) => `${counts[level]} ${level}`);
  return `${changes.length} change${changes.length === 1 ? "" : "s"}: ${parts.join(", ")}`;
}

/** One line per change, then the summary: for a terminal. */
export function formatText(changes: readonly Change[]): string {
  const lines = changes.map(
    (c) =>
      `${c.level.padEnd(8)} ${c.id}  ${c.operation ?? "(document)"}: ${oneLine(c.message)}  at ${c.location || "/"}`,
  );
  return `${[...lines, summarise(changes)].join("\n")}\n`;
}

/** One JSON document: `{ summary, changes }`, where `changes` holds every change. */
export function formatJson(changes: readonly Change[]): string {
  const summary = { total: changes.length, ...countByLevel(changes) };
  return `${JSON.stringify({ summary, changes }, null, 2)}\n`;
}

/** Names quoted from a document may hold line breaks; a report line must not. */
function oneLine(text: string): string {
  return text.replace(/\r?\n/g, " ");
}

/** A markdown table cell: pipes escaped, line breaks flattened. */
function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** A heading, the summary and a table of changes: ready for a pull-request comment. */
export function formatMarkdown(changes: readonly Change[], options: ReportOptions = {}): string {
  const lines = [`### ${options.title ?? "API changes"}`, "", `${summarise(changes)}.`];
  if (changes.length > 0) {
    lines.push(
      "",
      "| Level | Operation | Change | Check | Location |",
      "| --- | --- | --- | --- | --- |",
    );
    for (const c of changes) {
      const operation = c.operation === null ? "(document)" : `\`${cell(c.operation)}\``;
      lines.push(
        `| **${c.level}** | ${operation} | ${cell(c.message)} | \`${c.id}\` | \`${cell(c.location || "/")}\` |`,
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
      return formatText(changes);
  }
}

/**
 * Several APIs' changes (`drift`, `pull`): one section per API in text or markdown, titled
 * `<api>: upstream drift`; in JSON one document `{ apis: [{ api, summary, changes }] }`.
 */
export function formatDriftReport(
  results: readonly { readonly api: string; readonly changes: readonly Change[] }[],
  format: ReportFormat,
): string {
  if (format === "json") {
    const apis = results.map(({ api, changes }) => ({
      api,
      summary: { total: changes.length, ...countByLevel(changes) },
      changes,
    }));
    return `${JSON.stringify({ apis }, null, 2)}\n`;
  }
  return results
    .map(({ api, changes }) => formatReport(changes, format, { title: `${api}: upstream drift` }))
    .join("\n");
}
