/**
 * The validation figures of the table — first-validation latency, throughput and memory — from
 * the validation benchmarks' exported functions (first-validation-bench.ts, validation-bench.ts,
 * memory-bench.ts), each beside its reference.
 */
import { firstValidationLatency } from "../first-validation-bench.js";
import { validatorMemory } from "../memory-bench.js";
import { validationThroughput, type WorkloadResult } from "../validation-bench.js";
import { BENCH_SPECS, missingReason } from "./bench-specs.js";
import { firstCompileOnce, prepareFirstCompile } from "./first-compile.js";
import { formatBytes, formatMs, formatRatio, median } from "./stats.js";
import { type BenchRow, skippedRow } from "./table.js";

const GITHUB = BENCH_SPECS.find((s) => s.id === "github");

function githubMissing(): string | undefined {
  return GITHUB ? missingReason(GITHUB) : "no GitHub bench spec";
}

/**
 * First-validation latency in fresh processes (import of the generated validators included),
 * alternating with the ajv run-time compile reference, `runs` of each.
 */
export async function firstValidationRows(runs: number): Promise<BenchRow[]> {
  const missing = githubMissing();
  if (missing || !GITHUB) return [skippedRow("first-validation latency", "GitHub", missing ?? "")];
  const inputs = await prepareFirstCompile(GITHUB.file);
  const page: number[] = [];
  const engine: number[] = [];
  const single: number[] = [];
  const reference: number[] = [];
  for (let i = 0; i < runs; i++) {
    const ours = await firstValidationLatency({ runs: 1 });
    page.push(ours.page.wallMs);
    engine.push(ours.enginePage.wallMs);
    single.push(ours.single.wallMs);
    reference.push((await firstCompileOnce(inputs)).wallMs);
  }
  const ref = median(reference);
  const row = (subject: string, values: number[], note: string): BenchRow => {
    const value = median(values);
    return {
      figure: "first-validation latency",
      subject,
      ours: formatMs(value),
      reference: `ajv compile at run time ${formatMs(ref)}`,
      ratio: value / ref,
      value,
      target: { max: 50, text: "< 50 ms", on: "value" },
      note,
    };
  };
  return [
    row(
      "GitHub, 100-issue page",
      page,
      `fresh process: import validators.js → first validate() returns; median of ${runs}`,
    ),
    row(
      "GitHub, 100-issue page, engine",
      engine,
      "validateResponse(api, …): library, registry and response index",
    ),
    row("GitHub, one issue", single, "issues/get"),
  ];
}

function throughputRow(workload: WorkloadResult, target: boolean): BenchRow {
  const ours = workload.rows[0];
  if (!ours) return skippedRow("validation throughput", workload.name, "no figures");
  return {
    figure: "validation throughput",
    subject: workload.name,
    ours: `${ours.us.toFixed(0)} µs`,
    reference: `JSON.parse ${workload.parseUs.toFixed(0)} µs`,
    ratio: ours.ratio,
    ...(target ? { target: { max: 0.3, text: "≤ 0.3×" } } : {}),
    note: `CPU per validation, full formats; ${workload.rows
      .slice(1)
      .map((r) => `${r.name}: ${formatRatio(r.ratio)}`)
      .join("; ")}`,
  };
}

/** Throughput on the Gcore invoice page (target ≤ 0.3× JSON.parse) and a GitHub issues page. */
export async function throughputRows(rounds: number): Promise<BenchRow[]> {
  const github = githubMissing() === undefined;
  const result = await validationThroughput({ rounds, github });
  return [
    throughputRow(result.gcore, true),
    typeof result.github === "string"
      ? skippedRow("validation throughput", "GitHub issues page", githubMissing() ?? result.github)
      : throughputRow(result.github, false),
  ];
}

/** Heap added by loading every GitHub validator (limit 50 MB). */
export async function memoryRows(): Promise<BenchRow[]> {
  const missing = githubMissing();
  if (missing) return [skippedRow("validators heap", "GitHub", missing)];
  const result = await validatorMemory();
  return [
    {
      figure: "validators heap",
      subject: "GitHub, every validator loaded",
      ours: formatBytes(result.split.addedHeap),
      reference: `limit ${formatBytes(50e6)}`,
      ratio: result.split.addedHeap / 50e6,
      value: result.split.addedHeap,
      target: { max: 50e6, text: "≤ 50 MB", on: "value" },
      note: `${result.files} files, ${formatBytes(result.bytes)} of source; heap after full GC, before import vs after loadAll() and one validation`,
    },
  ];
}
