/** The one table `npm run bench` prints: every figure beside its reference, as a ratio. */
import { formatRatio } from "./stats.js";

/** A target on a ratio (ours ÷ reference) or on an absolute figure of ours. */
export interface Target {
  /** The largest acceptable value of {@link BenchRow.ratio} (or of {@link BenchRow.value}). */
  readonly max: number;
  /** How the target reads in the table (`≤ 1.0×`, `< 50 ms`). */
  readonly text: string;
  /** Whether `max` bounds the ratio (default) or the absolute value of ours. */
  readonly on?: "ratio" | "value";
}

/** One line of the table. */
export interface BenchRow {
  /** What is measured (`codegen wall`), and on what (`GitHub`). */
  readonly figure: string;
  readonly subject: string;
  /** Our figure, formatted; `skipped` with {@link BenchRow.note} saying why. */
  readonly ours: string;
  /** The reference figure and what it is (`openapi-typescript 4.10 s`). */
  readonly reference: string;
  readonly ratio?: number;
  /** Our raw figure, for absolute targets. */
  readonly value?: number;
  readonly target?: Target;
  readonly note?: string;
}

/** `met`, `MISSED`, or `–` when the row has no target or no figure. */
export function verdict(row: BenchRow): string {
  if (!row.target) return "–";
  const x = row.target.on === "value" ? row.value : row.ratio;
  if (x === undefined || !Number.isFinite(x)) return "–";
  return x <= row.target.max ? "met" : "MISSED";
}

/** A row for something that could not be measured, saying why. */
export function skippedRow(figure: string, subject: string, reason: string): BenchRow {
  return { figure, subject, ours: "skipped", reference: "–", note: reason };
}

/** The rows as one Markdown table (readable in a terminal, pasteable into the README). */
export function renderTable(rows: readonly BenchRow[]): string {
  const header = ["figure", "spec / workload", "ours", "reference", "ratio", "target", "", "note"];
  const cells = rows.map((row) => [
    row.figure,
    row.subject,
    row.ours,
    row.reference,
    row.ratio === undefined ? "–" : formatRatio(row.ratio),
    row.target?.text ?? "–",
    verdict(row),
    row.note ?? "",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? "").length)));
  const line = (values: readonly string[]): string =>
    `| ${values.map((v, i) => v.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...cells.map((c) => line(c))].join(
    "\n",
  );
}
