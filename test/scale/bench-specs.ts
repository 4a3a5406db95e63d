/**
 * The large real documents of `../shared/bench-specs/` (see its SOURCES.md), with the counts
 * SOURCES.md gives for each, and the reason to skip when the folder is absent (CI has it).
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

/** Root of this repository. */
export const REPO_ROOT = resolve(import.meta.dirname, "../..");

/** The bench-specs folder, a sibling of the repository. */
export const BENCH_SPECS_DIR = resolve(REPO_ROOT, "../shared/bench-specs");

/** One bench spec and what SOURCES.md says it holds. */
export interface ScaleSpec {
  readonly id: string;
  readonly file: string;
  readonly openapi: string;
  readonly operations: number;
}

/** The three bench specs. */
export const SCALE_SPECS: readonly ScaleSpec[] = [
  {
    id: "github",
    file: join(BENCH_SPECS_DIR, "github-api.github.com.json"),
    openapi: "3.0.3",
    operations: 1223,
  },
  {
    id: "stripe",
    file: join(BENCH_SPECS_DIR, "stripe-spec3.yaml"),
    openapi: "3.0.0",
    operations: 468,
  },
  {
    id: "gcore-cloud",
    file: join(BENCH_SPECS_DIR, "gcore-cloud_api.yaml"),
    openapi: "3.1.0",
    operations: 536,
  },
];

/** True when the bench specs are checked out next to the repository. */
export const HAVE_BENCH_SPECS = SCALE_SPECS.every((spec) => existsSync(spec.file));

/** Shown in a skipped test's name when the bench specs are absent. */
export const SKIP_REASON = HAVE_BENCH_SPECS
  ? ""
  : ` (skipped: ${BENCH_SPECS_DIR} is absent; check out the bench specs to run it)`;
