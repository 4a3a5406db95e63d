/**
 * Valid values generated per second: src/generate/ against json-schema-faker (the generator Prism
 * uses), on the same schemas in the same run. The schemas are the 2xx response and request-body
 * JSON schemas of the vendored specs (specs/gcore-billing, specs/softwareone-marketplace) and a
 * seeded sample of 20 from the Gcore Cloud bench spec when present. Every value of either generator
 * is checked by the same validator (ours, compiled in-process as test/generate/validators-for.ts
 * does); only accepted values count. Figures are CPU time (process.cpuUsage), median of the rounds.
 * Run: npx tsx bench/generation-bench.ts [--rounds N]
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import jsf from "json-schema-faker";
import { type OpenApiDocument, parseOpenApiText } from "../src/document/load-document.js";
import { generateValues } from "../src/generate/generate-values.js";
import { SchemaArbitraries } from "../src/generate/schema-arbitrary.js";
import { SchemaSource } from "../src/generate/schema-source.js";
import { parsePointer } from "../src/runtime/json-pointer.js";
import { bodySchemaPointers, sampleOf, seeded } from "../test/generate/property-run.js";
import { compileOurs } from "../test/generate/validators-for.js";
import { BENCH_SPECS, missingReason, REPO_ROOT } from "./lib/bench-specs.js";
import { median } from "./lib/stats.js";
import type { BenchRow } from "./lib/table.js";

const VALUES_PER_SCHEMA = 20;

/** json-schema-faker reads `format` before `pattern`: where both are present the pattern stays. */
function forFaker(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forFaker);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = forFaker(value);
  if (typeof out.pattern === "string") delete out.format;
  return out;
}

interface Workload {
  readonly document: OpenApiDocument;
  readonly pointers: readonly string[];
  readonly validators: ReadonlyMap<string, (value: unknown) => boolean>;
  readonly fakerRoots: ReadonlyMap<string, unknown>;
}

async function workload(file: string, sample?: number): Promise<Workload> {
  const document = parseOpenApiText(await readFile(file, "utf8"), file);
  const all = bodySchemaPointers(document);
  const pointers = sample === undefined ? all : sampleOf(all, sample, 7);
  const validators = new Map<string, (value: unknown) => boolean>();
  for (const [pointer, compiled] of compileOurs(document, pointers)) {
    if (typeof compiled === "function") validators.set(pointer, compiled);
  }
  const components = forFaker((document as { components?: unknown }).components);
  const fakerRoots = new Map<string, unknown>();
  for (const pointer of validators.keys()) {
    let node: unknown = document;
    for (const token of parsePointer(pointer)) node = (node as Record<string, unknown>)[token];
    fakerRoots.set(pointer, { ...(forFaker(node) as object), components });
  }
  return { document, pointers: [...validators.keys()], validators, fakerRoots };
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Valid values per CPU second of ours over the workloads (a fresh generator each round). */
function oursRound(workloads: readonly Workload[], seed: number): { valid: number; ms: number } {
  const start = cpuMs();
  let valid = 0;
  for (const w of workloads) {
    const arbitraries = new SchemaArbitraries(new SchemaSource(w.document));
    for (const pointer of w.pointers) {
      const result = generateValues(
        arbitraries,
        parsePointer(pointer),
        w.validators.get(pointer) as (v: unknown) => boolean,
        { seed, count: VALUES_PER_SCHEMA },
      );
      if (result.kind === "values") valid += result.values.length;
    }
  }
  return { valid, ms: cpuMs() - start };
}

function fakerRound(
  workloads: readonly Workload[],
  seed: number,
): { valid: number; ms: number; drawn: number } {
  const start = cpuMs();
  let valid = 0;
  let drawn = 0;
  jsf.option({
    random: seeded(seed),
    alwaysFakeOptionals: false,
    refDepthMax: 4,
    failOnInvalidFormat: false,
  });
  for (const w of workloads) {
    for (const pointer of w.pointers) {
      const validate = w.validators.get(pointer) as (v: unknown) => boolean;
      for (let i = 0; i < VALUES_PER_SCHEMA; i++) {
        drawn++;
        try {
          if (validate(jsf.generate(w.fakerRoots.get(pointer) as never))) valid++;
        } catch {
          // A schema json-schema-faker cannot generate from yields no valid value.
        }
      }
    }
  }
  return { valid, ms: cpuMs() - start, drawn };
}

/** The bench rows: valid values per second, ours and json-schema-faker's, as a time-per-value ratio. */
export async function generationBench(options: { rounds: number }): Promise<BenchRow[]> {
  jsf.format("decimal", () => "42.125");
  const files = [
    join(REPO_ROOT, "specs/gcore-billing/openapi.yaml"),
    join(REPO_ROOT, "specs/softwareone-marketplace/openapi.json"),
  ];
  const workloads = await Promise.all(files.map((file) => workload(file)));
  const cloud = BENCH_SPECS.find((spec) => spec.id === "gcore-cloud");
  let subject = "vendored specs";
  if (cloud && missingReason(cloud) === undefined) {
    workloads.push(await workload(cloud.file, 20));
    subject += " + 20 Gcore Cloud schemas";
  }
  const schemas = workloads.reduce((n, w) => n + w.pointers.length, 0);
  // Warm-up (JIT, caches), then interleaved rounds.
  oursRound(workloads, 1);
  fakerRound(workloads, 1);
  const ratios: number[] = [];
  const oursRates: number[] = [];
  const fakerRates: number[] = [];
  let fakerValidShare = 0;
  for (let round = 0; round < options.rounds; round++) {
    const seed = 100 + round;
    const ours = round % 2 === 0 ? oursRound(workloads, seed) : undefined;
    const faker = fakerRound(workloads, seed);
    const oursLate = ours ?? oursRound(workloads, seed);
    const oursRate = oursLate.valid / (oursLate.ms / 1000);
    const fakerRate = faker.valid / (faker.ms / 1000);
    fakerValidShare = faker.valid / Math.max(1, faker.drawn);
    oursRates.push(oursRate);
    fakerRates.push(fakerRate);
    // Time per valid value, ours ÷ json-schema-faker's: below 1 means ours generates more per second.
    ratios.push(fakerRate / oursRate);
  }
  const ours = median(oursRates);
  const faker = median(fakerRates);
  return [
    {
      figure: "valid values generated per second",
      subject: `${subject} (${schemas} schemas × ${VALUES_PER_SCHEMA})`,
      ours: `${ours.toFixed(0)}/s`,
      reference: `json-schema-faker ${faker.toFixed(0)}/s`,
      ratio: median(ratios),
      target: { max: 1, text: "≤ 1.0× (time per valid value)" },
      note: `ours generates ${(ours / faker).toFixed(2)}× json-schema-faker's valid values per CPU second; each value checked by our validator (json-schema-faker: ${(fakerValidShare * 100).toFixed(0)}% of its values valid)`,
    },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { rounds: { type: "string", default: "5" } } });
  const rows = await generationBench({ rounds: Number(values.rounds) });
  for (const row of rows) console.log(JSON.stringify(row, null, 2));
}
