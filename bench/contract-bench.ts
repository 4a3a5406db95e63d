/**
 * Issue 5's speed: the mock contract suite for both vendored APIs (`api-contracts test --target
 * mock`, one Prism per API, every check) as a child process, against one Prism start-up in a fresh
 * process (lib/prism-startup.mjs: the floor any Prism-based suite pays), alternating, median of N.
 * Second row: how soon a child-process Prism listens with the English-faker shortcut
 * (src/contract/targets/prism-english-faker.ts) against Prism's own `prism mock`, alternating.
 * Run: npx tsx bench/contract-bench.ts [--runs N]   (needs `npm run build`)
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { REPO_ROOT } from "./lib/bench-specs.js";
import { checkDistCli, DIST_CLI } from "./lib/dist-cli.js";
import { measureNode, type ProcessUsage } from "./lib/measure-process.js";
import { formatMs, median } from "./lib/stats.js";
import { type BenchRow, renderTable } from "./lib/table.js";

const PRISM_SERVER = join(REPO_ROOT, "dist/src/contract/targets/prism-server.js");
const ENGLISH_FAKER = join(REPO_ROOT, "dist/src/contract/targets/prism-english-faker.js");
const PRISM_CHILD = join(REPO_ROOT, "dist/src/contract/targets/prism-child-process.js");
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
  const { PRISM_ENGLISH_FAKER } = (await import(pathToFileURL(ENGLISH_FAKER).href)) as {
    PRISM_ENGLISH_FAKER: string;
  };
  // Prism's command-line entry, found as the contract suite finds it.
  const { prismBin } = (await import(pathToFileURL(PRISM_CHILD).href)) as {
    prismBin: () => string;
  };
  const prismCli = prismBin();
  const shortcut: number[] = [];
  const plain: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const pair = [
      async () => shortcut.push(await prismReadyMs(prismCli, ["--import", PRISM_ENGLISH_FAKER])),
      async () => plain.push(await prismReadyMs(prismCli, [])),
    ];
    for (const run of i % 2 === 0 ? pair : pair.reverse()) await run();
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
    {
      figure: "child-process Prism, spawn to listening",
      subject: "gcore-billing, English-faker shortcut",
      ours: formatMs(median(shortcut)),
      reference: `\`prism mock\` ${formatMs(median(plain))}`,
      ratio: median(shortcut) / median(plain),
      target: { max: 1, text: "≤ 1×" },
      note: `median of ${options.runs}, alternating; the mock command the contract suite runs per API`,
    },
  ];
}

/** Milliseconds from spawning `node <nodeArgs> <prismCli> mock` on the reference spec to its ready line. */
function prismReadyMs(prismCli: string, nodeArgs: readonly string[]): Promise<number> {
  const started = performance.now();
  const args = [...nodeArgs, prismCli, "mock", REFERENCE_SPEC, "--host", "127.0.0.1"];
  args.push("--port", "0", "--no-multiprocess", "--dynamic");
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`prism mock not ready after 60 s: ${output.slice(-300)}`));
    }, 60_000);
    child.once("error", reject);
    const early = (code: number | null) =>
      reject(new Error(`prism mock exited (${code}) before it was ready: ${output.slice(-300)}`));
    child.once("exit", early);
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes("Prism is listening on")) return;
      const ms = performance.now() - started;
      clearTimeout(timer);
      child.off("exit", early);
      child.once("exit", () => resolve(ms));
      child.kill("SIGTERM");
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "3" } } });
  const stale = checkDistCli();
  if (stale) console.log(`warning: ${stale}`);
  console.log(renderTable(await contractBench({ runs: Number(values.runs) })));
}
