/**
 * First-validation latency in a fresh process: GitHub's validators (emitted as codegen does and
 * compiled to JavaScript, see compileBenchApi) imported by a new `node` process that validates one
 * response of a large operation (`issues/list-for-repo`).
 * Run: npx tsx bench/first-validation-bench.ts [--runs N] [--baseline]
 *
 * What is timed, inside the child: `performance.now()` just before the first dynamic `import()`
 * until the first validation returns, and process CPU time (all threads) over the same span.
 * Node's own start-up and reading the body from disk are not included. Paths:
 * - validator: `import(validators.js)`, `await load(name)`, `validate(body)`;
 * - engine: the library as an application calls it, `validateResponse(api, input)` from
 *   `src/validate/validate-response.js`, which reaches the API through the generated registry
 *   (`generated/index.js` → `<api>/validation.js`: the response index and `loadValidators`);
 * - `--baseline` only: the engine fed the full operation index (`operations.js`, 2 MB for GitHub),
 *   as `validateResponse` imported it before, and the validators emitted as one module (no split).
 * Each figure is the median over fresh processes.
 */
import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { GITHUB_ISSUES, githubIssue, githubIssuesPage } from "./github-page.js";
import { BENCH_SPECS, missingReason } from "./lib/bench-specs.js";
import { describeMachine } from "./lib/machine.js";
import { median } from "./lib/stats.js";
import { type CompiledBenchApi, compileBenchApi } from "./load-api-validators.js";

/** Timings of one path, medians over fresh processes. */
export interface LatencyFigures {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly minWallMs: number;
}

/** The first-validation figures for GitHub's spec. */
export interface FirstValidationResult {
  readonly runs: number;
  /** Validator files and bytes (split), and the body sizes. */
  readonly files: number;
  readonly bytes: number;
  readonly pageBytes: number;
  /** import + load + validate one 100-issue page. */
  readonly page: LatencyFigures;
  /** The same for a single issue (`issues/get`). */
  readonly single: LatencyFigures;
  /** The page through the library's `validateResponse`, registry and response index included. */
  readonly enginePage: LatencyFigures;
  /** The page through the engine with the full operation index (`--baseline` only). */
  readonly fullIndexPage?: LatencyFigures;
  /** The page with the one-module validators (`--baseline` only). */
  readonly baselinePage?: LatencyFigures;
}

// The child: read the body first (not timed), then time import → first validation.
// Modes: validator <validators> <name> | library <validate-response> <api> <operation>
//        | index <engine> <operations> <validators> <operation>.
const CHILD = `
import { readFileSync } from "node:fs";
const [bodyFile, mode, a, b, c, d] = process.argv.slice(2);
const body = JSON.parse(readFileSync(bodyFile, "utf8"));
const cpu = process.cpuUsage();
const start = performance.now();
let valid;
if (mode === "library") {
  const { validateResponse } = await import(a);
  valid = (await validateResponse(b, { operation: c, status: 200, body })).valid;
} else if (mode === "index") {
  const [{ validateResponseLoading }, { apiIndex }, module] = await Promise.all([
    import(a), import(b), import(c),
  ]);
  valid = (await validateResponseLoading(apiIndex, module, { operation: d, status: 200, body })).valid;
} else {
  const module = await import(a);
  const validate = module.load ? await module.load(b) : module.validators[b];
  valid = validate(body);
}
const wallMs = performance.now() - start;
const used = process.cpuUsage(cpu);
if (!valid) throw new Error("the benchmark body is invalid");
process.stdout.write(JSON.stringify({ wallMs, cpuMs: (used.user + used.system) / 1000 }));
`;

function runChild(child: string, args: string[]): Promise<{ wallMs: number; cpuMs: number }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [child, ...args], (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as { wallMs: number; cpuMs: number });
    });
  });
}

async function measure(child: string, args: string[], runs: number): Promise<LatencyFigures> {
  const samples: { wallMs: number; cpuMs: number }[] = [];
  // One after the other: parallel children would compete for the two cores.
  for (let i = 0; i < runs; i++) samples.push(await runChild(child, args));
  return {
    wallMs: median(samples.map((s) => s.wallMs)),
    cpuMs: median(samples.map((s) => s.cpuMs)),
    minWallMs: Math.min(...samples.map((s) => s.wallMs)),
  };
}

/** Measure first-validation latency for GitHub's spec (`runs` fresh processes per figure). */
export async function firstValidationLatency(
  options: { runs?: number; baseline?: boolean } = {},
): Promise<FirstValidationResult> {
  const runs = options.runs ?? 11;
  const spec = BENCH_SPECS.find((s) => s.id === "github");
  const missing = spec ? missingReason(spec) : "no GitHub bench spec";
  if (!spec || missing) throw new Error(`first-validation bench skipped: ${missing}`);
  const api = await compileBenchApi(spec.file, "github-split");
  const dir = join(api.dir, "bodies");
  await mkdir(dir, { recursive: true });
  const child = join(api.dir, "first-validation-child.mjs");
  await writeFile(child, CHILD);
  const pageText = JSON.stringify(githubIssuesPage(100));
  const pageFile = join(dir, "issues-page.json");
  const singleFile = join(dir, "issue.json");
  await writeFile(pageFile, pageText);
  await writeFile(singleFile, JSON.stringify(githubIssue(0)));
  const url = (file: string) => pathToFileURL(file).href;
  const validator = (target: CompiledBenchApi, name: string, body: string) => [
    body,
    "validator",
    url(target.validators),
    name,
  ];
  const page = await measure(child, validator(api, GITHUB_ISSUES.validator, pageFile), runs);
  const single = await measure(child, validator(api, "v_issues_get_200_0", singleFile), runs);
  const enginePage = await measure(
    child,
    [pageFile, "library", url(api.library), api.api, GITHUB_ISSUES.operation],
    runs,
  );
  let fullIndexPage: LatencyFigures | undefined;
  let baselinePage: LatencyFigures | undefined;
  if (options.baseline) {
    fullIndexPage = await measure(
      child,
      [
        pageFile,
        "index",
        url(api.engine),
        url(api.operations),
        url(api.validators),
        GITHUB_ISSUES.operation,
      ],
      runs,
    );
    const one = await compileBenchApi(spec.file, "github-single", { splitAbove: Infinity });
    await writeFile(join(one.dir, "first-validation-child.mjs"), CHILD);
    baselinePage = await measure(
      join(one.dir, "first-validation-child.mjs"),
      validator(one, GITHUB_ISSUES.validator, pageFile),
      runs,
    );
  }
  return {
    runs,
    files: api.files,
    bytes: api.bytes,
    pageBytes: pageText.length,
    page,
    single,
    enginePage,
    ...(fullIndexPage ? { fullIndexPage } : {}),
    ...(baselinePage ? { baselinePage } : {}),
  };
}

function row(name: string, figures: LatencyFigures): string {
  const ms = (n: number) => `${n.toFixed(1)} ms`.padStart(10);
  return `${name.padEnd(58)} ${ms(figures.wallMs)} ${ms(figures.minWallMs)} ${ms(figures.cpuMs)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { runs: { type: "string", default: "11" }, baseline: { type: "boolean" } },
  });
  const result = await firstValidationLatency({
    runs: Number(values.runs),
    baseline: values.baseline ?? false,
  });
  console.log(`machine: ${describeMachine()}`);
  console.log(
    `GitHub validators: ${result.files} files, ${(result.bytes / 1e6).toFixed(2)} MB; issues page ${(result.pageBytes / 1e3).toFixed(0)} KB; median of ${result.runs} fresh processes\n`,
  );
  console.log(
    `${"import → first validate() returns".padEnd(58)} ${"wall".padStart(10)} ${"min wall".padStart(10)} ${"CPU".padStart(10)}`,
  );
  console.log(row("validator, 100-issue page (issues/list-for-repo)", result.page));
  console.log(row("validator, one issue (issues/get)", result.single));
  console.log(row("engine: validateResponse(api, …), 100-issue page", result.enginePage));
  if (result.fullIndexPage)
    console.log(
      row("engine + full operation index (before), 100-issue page", result.fullIndexPage),
    );
  if (result.baselinePage)
    console.log(row("one-module validators (before), 100-issue page", result.baselinePage));
  console.log("\ntarget: under 50 ms, import included");
}
