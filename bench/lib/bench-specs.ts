/** The large real OpenAPI documents benchmarks run on: `../shared/bench-specs/` from the repo root. */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Root of this repository. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Where the bench specs live when present (see its SOURCES.md). */
export const BENCH_SPECS_DIR = resolve(REPO_ROOT, "../shared/bench-specs");

/** One bench spec. */
export interface BenchSpec {
  /** Short id, also the `--api` id used for codegen (`github`). */
  readonly id: string;
  /** Display name (`GitHub`). */
  readonly name: string;
  readonly file: string;
}

/** The three bench specs, in table order. */
export const BENCH_SPECS: readonly BenchSpec[] = [
  { id: "github", name: "GitHub", file: join(BENCH_SPECS_DIR, "github-api.github.com.json") },
  { id: "stripe", name: "Stripe", file: join(BENCH_SPECS_DIR, "stripe-spec3.yaml") },
  { id: "gcore-cloud", name: "Gcore Cloud", file: join(BENCH_SPECS_DIR, "gcore-cloud_api.yaml") },
];

/** Why `spec` cannot be benchmarked here, or undefined when its file exists. */
export function missingReason(spec: BenchSpec): string | undefined {
  return existsSync(spec.file) ? undefined : `${spec.file} is absent (bench specs not checked out)`;
}
