/**
 * The generated phase of `api-contracts test` (`--max-examples N`): after the example-based cases,
 * each prepared API's generated requests (run-generated.ts) against the same target, their shrunk
 * failures joined to the API's cases so that the summary and the JSON, JUnit and HTML reports show
 * them, the keyword coverage written beside the reports (`generation.json`), and one reproducer per
 * failure under `<reports>/reproducers/`.
 */
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { PreparedSuite, SuiteResult } from "../run-suite.js";
import { readApiConfig } from "../semantics/api-config.js";
import { liveSession } from "../targets/live-target.js";
import { mockSession } from "../targets/mock-target.js";
import { DEFAULT_FAILURE_DIR } from "./failure-database.js";
import type { CompileRequestSchemas } from "./request-generator.js";
import { type GenerationResult, randomSeed, runGenerated } from "./run-generated.js";

/** Options of the phase, from the command line. */
export interface GeneratedPhaseOptions {
  readonly maxExamples: number;
  /** Random (and printed) when absent. */
  readonly seed?: number;
  readonly compile: CompileRequestSchemas;
  readonly reportsDir: string;
  /** Default `.api-contracts/failures`. */
  readonly failureDir?: string;
  readonly allowWrites: boolean;
  /** Live: requests per second (null: unpaced). */
  readonly rate?: number | null;
  readonly timeoutMs?: number;
  readonly maxResponseBytes?: number;
  /**
   * 4xx statuses a valid request may get, for every API (default: each API's
   * `generation.expectedStatuses` in specs/<api>/contract.json, else per generated-case.ts).
   */
  readonly expectedStatuses?: readonly number[];
  /** Progress lines ("generated requests for <api>, seed S…"). */
  readonly log?: (line: string) => void;
}

/** The suite with the generated failures joined, and each API's generation result. */
export async function runGeneratedPhase(
  prepared: PreparedSuite,
  suite: SuiteResult,
  options: GeneratedPhaseOptions,
): Promise<{ suite: SuiteResult; results: GenerationResult[]; file: string }> {
  const seed = options.seed ?? randomSeed();
  const results: GenerationResult[] = [];
  for (const { loaded, provided } of prepared.apis) {
    options.log?.(
      `generating requests for ${loaded.api}: seed ${seed}, at most ${options.maxExamples} per operation and mode`,
    );
    const session =
      provided.target === "mock"
        ? mockSession(provided.api, provided.prismUrl)
        : liveSession(provided.setup, {
            rate: options.rate ?? Number.POSITIVE_INFINITY,
            allowWrites: options.allowWrites,
          });
    const expectedStatuses =
      options.expectedStatuses ?? configuredStatuses(loaded.api, loaded.specFile);
    results.push(
      await runGenerated(
        {
          ...loaded,
          session,
          timeoutMs: options.timeoutMs,
          maxResponseBytes: options.maxResponseBytes,
        },
        {
          seed,
          maxExamples: options.maxExamples,
          compile: options.compile,
          failureDir: options.failureDir ?? DEFAULT_FAILURE_DIR,
          reproducerDir: join(options.reportsDir, "reproducers"),
          ...(expectedStatuses ? { expectedStatuses } : {}),
          ...(provided.target === "live"
            ? { credentialVariable: provided.setup.names.credential }
            : {}),
        },
      ),
    );
  }
  const byApi = new Map(results.map((r) => [r.api, r]));
  const merged: SuiteResult = {
    ...suite,
    apis: suite.apis.map((api) => {
      const generated = byApi.get(api.api);
      if (!generated) return api;
      const sent = generated.operations.reduce((n, o) => n + o.sent.positive + o.sent.negative, 0);
      const bugs = generated.operations.reduce((n, o) => n + o.generatorBugs, 0);
      return {
        ...api,
        cases: [...api.cases, ...generated.cases, ...generated.sequences],
        coverage: api.coverage.map((row) => ({
          ...row,
          keywords: generated.coverage
            .filter((k) => k.operation === row.operation)
            .map(({ operation: _, ...k }) => k),
        })),
        notes: [
          ...api.notes,
          `generated: ${sent} requests, seed ${generated.seed}, ${generated.cases.length} shrunk failure(s)${bugs > 0 ? `, ${bugs} generator bug(s) (values our validator rejects; not sent, please report)` : ""}`,
          ...generated.notes,
          ...generated.reproducers.map((file) => `reproducer: ${file}`),
        ],
      };
    }),
  };
  const file = await writeGenerationReport(options.reportsDir, seed, results);
  return { suite: merged, results, file };
}

/** The API's `generation.expectedStatuses`, read beside its document (`specs/<api>/`). */
function configuredStatuses(api: string, specFile: string): readonly number[] | undefined {
  return readApiConfig(api, dirname(dirname(dirname(specFile)))).generation?.expectedStatuses;
}

/** `generation.json`: per API, the seed, each operation's requests sent and the keyword coverage. */
async function writeGenerationReport(
  dir: string,
  seed: number,
  results: readonly GenerationResult[],
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, "generation.json");
  const report = {
    seed,
    apis: results.map((r) => ({
      api: r.api,
      seed: r.seed,
      maxExamples: r.maxExamples,
      operations: r.operations,
      coverage: r.coverage,
      failures: r.saved.map((f) => ({
        operation: f.operation,
        check: f.check,
        mode: f.mode,
        message: f.message,
      })),
      reproducers: r.reproducers,
      notes: r.notes,
    })),
  };
  const partial = `${file}.partial`;
  await writeFile(partial, `${JSON.stringify(report, null, 2)}\n`);
  await rename(partial, file);
  return file;
}
