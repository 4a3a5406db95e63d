/**
 * Issue 5's speed: the mock contract suite for both vendored APIs (`api-contracts test --target
 * mock`, one Prism per API, every check) as a child process, against one Prism start-up in a fresh
 * process (lib/prism-startup.mjs: the floor any Prism-based suite pays), alternating, median of N.
 * Run: npx tsx bench/contract-bench.ts [--runs N]   (needs `npm run build`)
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { REPO_ROOT } from "./lib/bench-specs.js";
import { checkDistCli, DIST_CLI } from "./lib/dist-cli.js";
import { measureNode, type ProcessUsage } from "./lib/measure-process.js";
import { formatMs, median } from "./lib/stats.js";
import { type BenchRow, renderTable } from "./lib/table.js";

const PRISM_SERVER = join(REPO_ROOT, "dist/src/contract/targets/prism-server.js");
const PRISM_STARTUP = join(REPO_ROOT, "bench/lib/prism-startup.mjs");
const REPORTS = join(REPO_ROOT, ".tmp/bench/contract-reports");
/** The spec the reference Prism mocks: the larger vendored one. */
const REFERENCE_SPEC = join(REPO_ROOT, "specs/gcore-billing/openapi.yaml");

/** The contract-suite row: suite wall time ÷ one Prism start-up (target ≤ 3×). */
export async function contractBench(options: { runs: number }): Promise<BenchRow[]> {
  checkDistCli();
  const suite: ProcessUsage[] = [];
  const prism: ProcessUsage[] = [];
  const runSuite = async (): Promise<void> => {
    suite.push(
      await measureNode(DIST_CLI, ["test", "--target", "mock", "--reports", REPORTS], {
        cwd: REPO_ROOT,
      }),
    );
  };
  const runPrism = async (): Promise<void> => {
    prism.push(
      await measureNode(PRISM_STARTUP, [pathToFileURL(PRISM_SERVER).href, REFERENCE_SPEC], {
        cwd: REPO_ROOT,
      }),
    );
  };
  for (let i = 0; i < options.runs; i++) {
    for (const run of i % 2 === 0 ? [runSuite, runPrism] : [runPrism, runSuite]) await run();
  }
  const suiteMs = median(suite.map((r) => r.wallMs));
  const prismMs = median(prism.map((r) => r.wallMs));
  const checks = /(\d+) checks passed/.exec(suite[0]?.stdout ?? "")?.[1];
  return [
    {
      figure: "mock contract suite wall time",
      subject: `both APIs${checks ? `, ${checks} checks` : ""}`,
      ours: formatMs(suiteMs),
      reference: `one Prism start-up ${formatMs(prismMs)}`,
      ratio: suiteMs / prismMs,
      target: { max: 3, text: "≤ 3×" },
      note: `median of ${options.runs}, alternating; each a fresh process; reference mocks gcore-billing`,
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "3" } } });
  const stale = checkDistCli();
  if (stale) console.log(`warning: ${stale}`);
  console.log(renderTable(await contractBench({ runs: Number(values.runs) })));
}
