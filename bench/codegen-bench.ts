/**
 * Codegen wall time, CPU time and peak RSS per bench spec: `api-contracts codegen --spec FILE --out
 * DIR` (types, operation index, validators, client) against openapi-typescript's CLI alone on the
 * same file, each a child process, alternating which goes first, median of N runs.
 * Run: npx tsx bench/codegen-bench.ts [--runs N]   (needs `npm run build`)
 */
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { BENCH_SPECS, type BenchSpec, missingReason, REPO_ROOT } from "./lib/bench-specs.js";
import { checkDistCli, DIST_CLI } from "./lib/dist-cli.js";
import { measureNode, type ProcessUsage } from "./lib/measure-process.js";
import { formatBytes, formatMs, median } from "./lib/stats.js";
import { type BenchRow, renderTable, skippedRow } from "./lib/table.js";

const OPENAPI_TYPESCRIPT_CLI = join(REPO_ROOT, "node_modules/openapi-typescript/bin/cli.js");

/** Where the codegen runs write: inside the repo, so generated code imports `src/runtime` relatively. */
export const CODEGEN_OUT = join(REPO_ROOT, ".tmp/bench/codegen");

/** Targets of issue 7, on GitHub's spec only. */
const TARGETED_SPEC = "github";

/** The medians of one command over the runs. */
interface Medians {
  readonly wallMs: number;
  readonly maxRssBytes: number;
  readonly cpuMs: number;
}

function medians(runs: readonly ProcessUsage[]): Medians {
  return {
    wallMs: median(runs.map((r) => r.wallMs)),
    maxRssBytes: median(runs.map((r) => r.maxRssBytes)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
  };
}

/** Output folder of our codegen for `spec`. */
export function codegenOutDir(spec: BenchSpec): string {
  return join(CODEGEN_OUT, spec.id);
}

/** Output file of openapi-typescript alone for `spec`. */
export function otsOutFile(spec: BenchSpec): string {
  return join(REPO_ROOT, ".tmp/bench/openapi-typescript", `${spec.id}.ts`);
}

/** Run ours and openapi-typescript `runs` times each on `spec`, alternating who goes first. */
async function measureSpec(
  spec: BenchSpec,
  runs: number,
): Promise<{ ours: Medians; reference: Medians }> {
  const out = codegenOutDir(spec);
  const otsOut = otsOutFile(spec);
  await mkdir(join(otsOut, ".."), { recursive: true });
  const ours: ProcessUsage[] = [];
  const reference: ProcessUsage[] = [];
  const runOurs = async (): Promise<void> => {
    await rm(out, { recursive: true, force: true });
    ours.push(
      await measureNode(
        DIST_CLI,
        ["codegen", "--spec", spec.file, "--out", out, "--api", spec.id],
        {
          cwd: REPO_ROOT,
        },
      ),
    );
  };
  const runReference = async (): Promise<void> => {
    reference.push(
      await measureNode(OPENAPI_TYPESCRIPT_CLI, [spec.file, "-o", otsOut], { cwd: REPO_ROOT }),
    );
  };
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? [runOurs, runReference] : [runReference, runOurs];
    for (const run of order) await run();
  }
  return { ours: medians(ours), reference: medians(reference) };
}

/** The codegen rows (wall, CPU, peak RSS per spec); leaves each spec's output in {@link codegenOutDir}. */
export async function codegenBench(options: { runs: number }): Promise<BenchRow[]> {
  checkDistCli();
  const rows: BenchRow[] = [];
  for (const spec of BENCH_SPECS) {
    const missing = missingReason(spec);
    if (missing) {
      rows.push(skippedRow("codegen wall time", spec.name, missing));
      continue;
    }
    const { ours, reference } = await measureSpec(spec, options.runs);
    const targeted = spec.id === TARGETED_SPEC;
    const note = `median of ${options.runs}, alternating`;
    rows.push(
      {
        figure: "codegen wall time",
        subject: spec.name,
        ours: formatMs(ours.wallMs),
        reference: `openapi-typescript ${formatMs(reference.wallMs)}`,
        ratio: ours.wallMs / reference.wallMs,
        ...(targeted ? { target: { max: 1.0, text: "≤ 1.0×" } } : {}),
        note,
      },
      {
        figure: "codegen CPU time",
        subject: spec.name,
        ours: formatMs(ours.cpuMs),
        reference: `openapi-typescript ${formatMs(reference.cpuMs)}`,
        ratio: ours.cpuMs / reference.cpuMs,
        note: "user + system, all threads",
      },
      {
        figure: "codegen peak RSS",
        subject: spec.name,
        ours: formatBytes(ours.maxRssBytes),
        reference: `openapi-typescript ${formatBytes(reference.maxRssBytes)}`,
        ratio: ours.maxRssBytes / reference.maxRssBytes,
        ...(targeted ? { target: { max: 1.5, text: "≤ 1.5×" } } : {}),
      },
    );
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "3" } } });
  const stale = checkDistCli();
  if (stale) console.log(`warning: ${stale}`);
  console.log(renderTable(await codegenBench({ runs: Number(values.runs) })));
}
