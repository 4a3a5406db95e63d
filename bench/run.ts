/**
 * `npm run bench`: every figure of issue 7 (and issue 5's contract-suite speed) in one table, each
 * measured beside its reference in this same run and reported as a ratio.
 * Run: npm run bench [-- --quick] [-- --only codegen,size,first-validation,throughput,memory,contract,generation]
 *      [-- --runs N]
 *
 * Sections: codegen wall/CPU/peak RSS per bench spec against openapi-typescript (codegen-bench.ts);
 * generated size (size-bench.ts, from the codegen runs); first-validation latency against ajv
 * compiling at run time, validation throughput against JSON.parse, validators heap
 * (lib/validation-rows.ts over the validation benches); mock contract suite against one Prism
 * start-up (contract-bench.ts); valid values generated per second against json-schema-faker
 * (generation-bench.ts). Bench specs are read from ../shared/bench-specs/; rows that need
 * an absent one say so. Needs `npm run build` (the CLI runs from dist/, as users run it).
 */
import { parseArgs } from "node:util";
import { codegenBench } from "./codegen-bench.js";
import { contractBench } from "./contract-bench.js";
import { generationBench } from "./generation-bench.js";
import { checkDistCli } from "./lib/dist-cli.js";
import { describeMachine } from "./lib/machine.js";
import { type BenchRow, renderTable, skippedRow, verdict } from "./lib/table.js";
import { firstValidationRows, memoryRows, throughputRows } from "./lib/validation-rows.js";
import { sizeBench } from "./size-bench.js";

const SECTIONS = [
  "codegen",
  "size",
  "first-validation",
  "throughput",
  "memory",
  "contract",
  "generation",
] as const;
type Section = (typeof SECTIONS)[number];
/** `--only validation` is shorthand for the three validation sections. */
const ALIASES: Record<string, readonly Section[]> = {
  validation: ["first-validation", "throughput", "memory"],
};

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    only: { type: "string", multiple: true },
    runs: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  console.log(
    `usage: npm run bench [-- --quick] [-- --only ${[...SECTIONS, "validation"].join("|")}[,…]] [-- --runs N]`,
  );
  process.exit(0);
}
const only = new Set<Section>();
for (const name of (values.only ?? []).flatMap((v) => v.split(","))) {
  const sections = ALIASES[name] ?? (SECTIONS.includes(name as Section) ? [name as Section] : []);
  if (sections.length === 0) {
    console.error(`unknown section '${name}'; known: ${[...SECTIONS, "validation"].join(", ")}`);
    process.exit(2);
  }
  for (const section of sections) only.add(section);
}
const wanted = (section: Section): boolean => only.size === 0 || only.has(section);

/** Runs of each process-level measurement; rounds of the in-process throughput benchmark. */
const runs = values.runs ? Number(values.runs) : values.quick ? 1 : 3;
const latencyRuns = values.runs ? Number(values.runs) : values.quick ? 1 : 5;
const rounds = values.quick ? 11 : 41;

const startedAt = performance.now();
const machineBefore = describeMachine();
const stale = checkDistCli();
const rows: BenchRow[] = [];

/** Run one section; a failure becomes a row saying so rather than ending the whole benchmark. */
async function section(name: Section, measure: () => Promise<BenchRow[]>): Promise<void> {
  if (!wanted(name)) return;
  const started = performance.now();
  process.stderr.write(`bench: ${name}…\n`);
  try {
    rows.push(...(await measure()));
  } catch (error) {
    rows.push(skippedRow(name, "–", `failed: ${(error as Error).message.split("\n")[0]}`));
  }
  process.stderr.write(
    `bench: ${name} done in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
  );
}

await section("codegen", () => codegenBench({ runs }));
await section("size", () => sizeBench());
await section("first-validation", () => firstValidationRows(latencyRuns));
await section("throughput", () => throughputRows(rounds));
await section("memory", () => memoryRows());
await section("contract", () => contractBench({ runs }));
await section("generation", () => generationBench({ rounds: values.quick ? 3 : 7 }));

const missed = rows.filter((row) => verdict(row) === "MISSED");
console.log(`machine (start): ${machineBefore}`);
console.log(`machine (end):   ${describeMachine()}`);
console.log(
  `command: npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}; ${((performance.now() - startedAt) / 1000).toFixed(0)} s`,
);
if (stale) console.log(`warning: ${stale}`);
console.log("");
console.log(renderTable(rows));
console.log(
  `\n${rows.filter((row) => verdict(row) === "met").length} targets met, ${missed.length} missed${missed.length ? `: ${missed.map((r) => `${r.figure} (${r.subject})`).join(", ")}` : ""}`,
);
