/**
 * Response validation throughput, each validator timed against JSON.parse of the same text in the
 * same process: a 100-invoice Gcore list page (~47 KB) and a 100-issue GitHub page (~530 KB,
 * `issues/list-for-repo`), with full format checking.
 * Run: npx tsx bench/validation-bench.ts [--rounds N] [--no-github]
 * Each figure is the median over interleaved rounds (the order rotates each round) of CPU time per
 * run (process.cpuUsage, so that time the process spends descheduled on a busy machine does not
 * count); each ratio is taken within a round, then the median of the ratios is reported. The
 * ajv-formats "fast" row is a yardstick of the machine's state: on an idle machine it measured
 * about 0.17× on the Gcore page.
 */
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import AjvModule from "ajv";
import addFormatsModule from "ajv-formats";
import OpenAPIResponseValidatorModule from "openapi-response-validator";
import { prepareDocument } from "../src/codegen/prepare-document.js";
import { loadOpenApiFile } from "../src/document/load-document.js";
import type { ApiIndex } from "../src/runtime/operation-index.js";
import type { ValidatorModule } from "../src/runtime/validate/types.js";
import { validateResponseWith } from "../src/runtime/validate/validate-with-module.js";
import { gcoreInvoicePage } from "./gcore-invoice-page.js";
import { GITHUB_ISSUES, githubIssuesPage } from "./github-page.js";
import { BENCH_SPECS, missingReason } from "./lib/bench-specs.js";
import { describeMachine } from "./lib/machine.js";
import { median } from "./lib/stats.js";
import { compileBenchApi, loadApiValidators } from "./load-api-validators.js";

const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;
const OpenAPIResponseValidator = OpenAPIResponseValidatorModule.default;

type Json = Record<string, unknown>;
type Check = (data: unknown) => boolean;

const WARM_UP_ROUNDS = 20;
/** Runs per timed batch: enough for about 10 ms of CPU time per batch. */
const BATCH_MS = 10;

/** One validator's figures on one workload. */
export interface ThroughputRow {
  readonly name: string;
  /** Median CPU microseconds per validation. */
  readonly us: number;
  /** Median of (validation time ÷ JSON.parse time) within a round. */
  readonly ratio: number;
}

/** One workload: its size, JSON.parse's time, and every validator's figures. */
export interface WorkloadResult {
  readonly name: string;
  readonly bytes: number;
  readonly parseUs: number;
  readonly rows: readonly ThroughputRow[];
}

/** CPU microseconds per call of `run`, over `runs` calls. */
function cpuTime(run: () => unknown, runs: number): number {
  const start = process.cpuUsage();
  for (let i = 0; i < runs; i++) run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / runs;
}

/** Calls per batch so that a batch of `run` takes about {@link BATCH_MS}. */
function calibrate(run: () => unknown): number {
  let runs = 1;
  while (cpuTime(run, runs) * runs < BATCH_MS * 1000 && runs < 1e6) runs *= 2;
  return runs;
}

/** Time every contender against JSON.parse of `text` (`body` is its parse). */
function measureWorkload(
  name: string,
  text: string,
  contenders: readonly [string, Check][],
  rounds: number,
): WorkloadResult {
  const body = JSON.parse(text) as unknown;
  for (const [contender, validate] of contenders) {
    if (!validate(body)) throw new Error(`${contender} rejects the ${name}; the workload is wrong`);
  }
  const parse = (): unknown => JSON.parse(text);
  const parseRuns = calibrate(parse);
  const runs = contenders.map(([, validate]) => calibrate(() => validate(body)));
  const parseTimes: number[] = [];
  const times = contenders.map(() => [] as number[]);
  const ratios = contenders.map(() => [] as number[]);
  for (let round = -WARM_UP_ROUNDS; round < rounds; round++) {
    // Warm-up rounds (negative) are not recorded: they give every contender time to be optimised
    // by V8's background compiler, which a busy machine delays.
    const order = contenders.map((_, i) => (i + round + WARM_UP_ROUNDS) % contenders.length);
    const parseTime = cpuTime(parse, parseRuns);
    for (const i of order) {
      const [, validate] = contenders[i] as [string, Check];
      const t = cpuTime(() => validate(body), runs[i] as number);
      if (round >= 0) {
        times[i]?.push(t);
        ratios[i]?.push(t / parseTime);
      }
    }
    if (round >= 0) parseTimes.push(parseTime);
  }
  return {
    name,
    bytes: text.length,
    parseUs: median(parseTimes),
    rows: contenders.map(([contender], i) => ({
      name: contender,
      us: median(times[i] ?? []),
      ratio: median(ratios[i] ?? []),
    })),
  };
}

/** A straightforward ajv set-up on a prepared document: strict off, ajv-formats in `mode`. */
function plainAjv(prepared: Json, mode: "full" | "fast", schema: Json): Check {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv, { mode });
  ajv.addFormat("decimal", /^-?\d+(\.\d+)?$/);
  ajv.addSchema({ components: prepared.components }, "doc");
  return ajv.compile(schema);
}

/** openapi-response-validator (what jest-openapi uses) for one operation's 200 response. */
function peer(document: Json, path: string): Check {
  const operation = ((document.paths as Json)[path] as Json).get as Json;
  const responses = operation.responses as Json;
  const validator = new OpenAPIResponseValidator({
    responses: {
      200: ((responses["200"] as Json).content as Json)["application/json"] as Json as never,
    },
    components: document.components as never,
  });
  return (data) => validator.validateResponse(200, data) === undefined;
}

async function gcoreWorkload(rounds: number): Promise<WorkloadResult> {
  const api = await loadApiValidators("gcore-billing", "openapi.yaml");
  const prepared = prepareDocument(api.document, "specs/gcore-billing/openapi.yaml") as Json;
  const list = { $ref: "doc#/components/schemas/PaginatedErpInvoiceExternalList" };
  return measureWorkload(
    "Gcore list page, 100 invoices",
    JSON.stringify(gcoreInvoicePage(100)),
    [
      [
        `api-contracts, precompiled (${api.from})`,
        (data) =>
          validateResponseWith(api.index, api.module, {
            operation: "v1_erp_invoices_list",
            status: 200,
            contentType: "application/json",
            body: data,
          }).valid,
      ],
      [
        "openapi-response-validator 12 (peer; formats unchecked)",
        peer(api.document, "/billing/org/v1/erp-invoices"),
      ],
      ["ajv 8 + ajv-formats full (baseline)", plainAjv(prepared, "full", list)],
      ["ajv 8 + ajv-formats fast (accepts 2026-02-30)", plainAjv(prepared, "fast", list)],
    ],
    rounds,
  );
}

async function githubWorkload(rounds: number): Promise<WorkloadResult | string> {
  const spec = BENCH_SPECS.find((s) => s.id === "github");
  const missing = spec ? missingReason(spec) : "no GitHub bench spec";
  if (!spec || missing) return `GitHub page skipped: ${missing}`;
  const api = await compileBenchApi(spec.file, "github-split");
  const [{ apiIndex }, module] = (await Promise.all([
    import(pathToFileURL(api.operations).href),
    import(pathToFileURL(api.validators).href),
  ])) as [{ apiIndex: ApiIndex }, ValidatorModule];
  await module.load?.(GITHUB_ISSUES.validator);
  const prepared = prepareDocument(await loadOpenApiFile(spec.file), "github") as Json;
  const issues = { type: "array", items: { $ref: "doc#/components/schemas/issue" } };
  return measureWorkload(
    "GitHub issues page, 100 issues",
    JSON.stringify(githubIssuesPage(100)),
    [
      [
        "api-contracts, precompiled (split, compiled to JS)",
        (data) =>
          validateResponseWith(apiIndex, module, {
            operation: GITHUB_ISSUES.operation,
            status: 200,
            contentType: "application/json",
            body: data,
          }).valid,
      ],
      ["ajv 8 + ajv-formats full (baseline)", plainAjv(prepared, "full", issues)],
      ["ajv 8 + ajv-formats fast (accepts 2026-02-30)", plainAjv(prepared, "fast", issues)],
    ],
    rounds,
  );
}

/** Both workloads (GitHub's when its bench spec is present, else the reason it was skipped). */
export async function validationThroughput(
  options: { rounds?: number; github?: boolean } = {},
): Promise<{ gcore: WorkloadResult; github: WorkloadResult | string }> {
  const rounds = options.rounds ?? 41;
  const gcore = await gcoreWorkload(rounds);
  const github =
    options.github === false ? "GitHub page skipped (--no-github)" : await githubWorkload(rounds);
  return { gcore, github };
}

function print(result: WorkloadResult): void {
  console.log(
    `\n${result.name}: ${result.bytes.toLocaleString("en")} bytes; JSON.parse median ${result.parseUs.toFixed(1)} µs CPU`,
  );
  console.log(`${"validator".padEnd(60)} ${"µs CPU".padStart(10)} ${"÷ JSON.parse".padStart(13)}`);
  for (const row of result.rows) {
    console.log(
      `${row.name.padEnd(60)} ${row.us.toFixed(1).padStart(10)} ${row.ratio.toFixed(3).padStart(13)}`,
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { rounds: { type: "string", default: "41" }, "no-github": { type: "boolean" } },
  });
  const rounds = Number(values.rounds);
  const { gcore, github } = await validationThroughput({
    rounds,
    github: !values["no-github"],
  });
  console.log(`machine: ${describeMachine()}`);
  console.log(`${rounds} rounds of ~${BATCH_MS} ms CPU per figure`);
  print(gcore);
  if (typeof github === "string") console.log(`\n${github}`);
  else print(github);
  console.log(
    "\ntarget: api-contracts ≤ 0.300 × JSON.parse on the Gcore page, full format checking",
  );
}
