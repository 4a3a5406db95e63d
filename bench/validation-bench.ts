/**
 * Response validation throughput: a 100-invoice Gcore list page (~47 KB) validated with full format
 * checking, each validator timed against JSON.parse of the same text in the same process.
 * Run: npx tsx bench/validation-bench.ts [--rounds N]
 * Each figure is the median over interleaved rounds (the order rotates each round) of CPU time per
 * run (process.cpuUsage, so that time the process spends descheduled on a busy machine does not
 * count); each ratio is taken within a round, then the median of the ratios is reported.
 */
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import AjvModule from "ajv";
import addFormatsModule from "ajv-formats";
import OpenAPIResponseValidatorModule from "openapi-response-validator";
import { prepareDocument } from "../src/codegen/prepare-document.js";
import { validateResponseWith } from "../src/runtime/validate/validate-response.js";
import { gcoreInvoicePage } from "./gcore-invoice-page.js";
import { loadApiValidators } from "./load-api-validators.js";

const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;
const OpenAPIResponseValidator = OpenAPIResponseValidatorModule.default;

type Json = Record<string, unknown>;

const { values } = parseArgs({ options: { rounds: { type: "string", default: "41" } } });
const ROUNDS = Number(values.rounds);
const WARM_UP_ROUNDS = 20;
/** Runs per timed batch: enough for about 10 ms of CPU time per batch. */
const BATCH_MS = 10;
const OPERATION = "v1_erp_invoices_list";
const PATH = "/billing/org/v1/erp-invoices";

const api = await loadApiValidators("gcore-billing", "openapi.yaml");
const page = gcoreInvoicePage(100);
const text = JSON.stringify(page);
const body = JSON.parse(text) as unknown;

/** A straightforward ajv set-up on the prepared document: strict off, ajv-formats in `mode`. */
function plainAjv(mode: "full" | "fast"): (data: unknown) => boolean {
  const prepared = prepareDocument(api.document, "specs/gcore-billing/openapi.yaml") as Json;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv, { mode });
  ajv.addFormat("decimal", /^-?\d+(\.\d+)?$/);
  ajv.addSchema({ components: prepared.components }, "doc");
  return ajv.compile({ $ref: "doc#/components/schemas/PaginatedErpInvoiceExternalList" });
}

function peer(): (data: unknown) => boolean {
  const doc = api.document as Json;
  const operation = ((doc.paths as Json)[PATH] as Json).get as Json;
  const responses = operation.responses as Json;
  const validator = new OpenAPIResponseValidator({
    responses: {
      200: ((responses["200"] as Json).content as Json)["application/json"] as Json as never,
    },
    components: doc.components as never,
  });
  return (data) => validator.validateResponse(200, data) === undefined;
}

const contenders: [string, (data: unknown) => boolean][] = [
  [
    `api-contracts, precompiled (${api.from})`,
    (data) =>
      validateResponseWith(api.index, api.module, {
        operation: OPERATION,
        status: 200,
        contentType: "application/json",
        body: data,
      }).valid,
  ],
  ["openapi-response-validator 12 (peer; formats unchecked)", peer()],
  ["ajv 8 + ajv-formats full (baseline)", plainAjv("full")],
  ["ajv 8 + ajv-formats fast (accepts 2026-02-30)", plainAjv("fast")],
];
for (const [name, validate] of contenders) {
  if (!validate(body)) throw new Error(`${name} rejects the benchmark page; the workload is wrong`);
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

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

const parse = (): unknown => JSON.parse(text);
const parseRuns = calibrate(parse);
const runs = contenders.map(([, validate]) => calibrate(() => validate(body)));
const parseTimes: number[] = [];
const times = contenders.map(() => [] as number[]);
const ratios = contenders.map(() => [] as number[]);
for (let round = -WARM_UP_ROUNDS; round < ROUNDS; round++) {
  // Warm-up rounds (negative) are not recorded: they give every contender time to be optimised by
  // V8's background compiler, which a busy machine delays.
  const order = contenders.map((_, i) => (i + round + WARM_UP_ROUNDS) % contenders.length);
  const parseTime = cpuTime(parse, parseRuns);
  for (const i of order) {
    const [, validate] = contenders[i] as [string, (data: unknown) => boolean];
    const t = cpuTime(() => validate(body), runs[i] as number);
    if (round >= 0) {
      times[i]?.push(t);
      ratios[i]?.push(t / parseTime);
    }
  }
  if (round >= 0) parseTimes.push(parseTime);
}

const cpu = cpus();
console.log(
  `Gcore list page: 100 invoices, ${text.length.toLocaleString("en")} bytes; ${ROUNDS} rounds of ~${BATCH_MS} ms CPU per figure`,
);
console.log(`machine: ${cpu.length} × ${cpu[0]?.model ?? "unknown CPU"}, Node ${process.version}`);
console.log(`JSON.parse: median ${median(parseTimes).toFixed(1)} µs CPU\n`);
console.log(`${"validator".padEnd(60)} ${"µs CPU".padStart(10)} ${"÷ JSON.parse".padStart(13)}`);
contenders.forEach(([name], i) => {
  console.log(
    `${name.padEnd(60)} ${median(times[i] ?? [])
      .toFixed(1)
      .padStart(10)} ${median(ratios[i] ?? [])
      .toFixed(3)
      .padStart(13)}`,
  );
});
console.log("\ntarget: api-contracts ≤ 0.300 × JSON.parse with full format checking");
