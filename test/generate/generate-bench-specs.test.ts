/**
 * Property test on the large real documents of ../shared/bench-specs/ (GitHub, Stripe: OpenAPI
 * 3.0; Gcore Cloud: 3.1): for a seeded sample of each document's 2xx response and request-body
 * JSON schemas, every generated value is accepted by ours (checked inside generateValues: a
 * rejection is a generator bug) and by plain ajv, and every mutant is rejected by both.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseOpenApiText } from "../../src/document/load-document.js";
import { SchemaArbitraries } from "../../src/generate/schema-arbitrary.js";
import { SchemaSource } from "../../src/generate/schema-source.js";
import { parsePointer } from "../../src/runtime/json-pointer.js";
import { root } from "../validate/compile-validators.js";
import {
  bodySchemaPointers,
  reachesOneOf,
  runSchema,
  type SchemaOutcome,
  sampleOf,
  summarise,
} from "./property-run.js";
import { compileOurs, compileReference } from "./validators-for.js";

const BENCH_SPECS = join(root, "..", "shared", "bench-specs");
const SCHEMAS_PER_DOCUMENT = 30;
const SEED = 20261207;
const OPTIONS = { seed: SEED, count: 4, mutated: 1 };

const FILES = ["github-api.github.com.json", "stripe-spec3.yaml", "gcore-cloud_api.yaml"];

describe.skipIf(!existsSync(BENCH_SPECS))("generated values on the bench specs", () => {
  it.each(FILES)(
    "%s: values accepted and mutants rejected by ours and plain ajv",
    async (file) => {
      const document = parseOpenApiText(await readFile(join(BENCH_SPECS, file), "utf8"), file);
      const pointers = sampleOf(bodySchemaPointers(document), SCHEMAS_PER_DOCUMENT, SEED);
      const ours = compileOurs(document, pointers);
      const reference = compileReference(document, pointers);
      const arbitraries = new SchemaArbitraries(new SchemaSource(document));
      const outcomes: SchemaOutcome[] = [];
      const skipped = new Map<string, number>();
      for (const pointer of pointers) {
        const mine = ours.get(pointer);
        const theirs = reference.get(pointer);
        if (typeof mine !== "function" || typeof theirs !== "function") {
          const why =
            (typeof mine !== "function" ? mine : (theirs as { skipped: string }))?.skipped ??
            "no validator";
          skipped.set(why.slice(0, 140), (skipped.get(why.slice(0, 140)) ?? 0) + 1);
          continue;
        }
        outcomes.push(
          runSchema(pointer, arbitraries, parsePointer(pointer), mine, theirs, OPTIONS),
        );
      }
      process.stdout.write(`${summarise(file, outcomes, skipped)}\n`);
      const stricter = outcomes
        .filter((o) => o.oursStricter.length > 0)
        .map((o) => `${o.name}: ${JSON.stringify(o.oursStricter[0]).slice(0, 300)}`);
      if (stricter.length > 0)
        process.stdout.write(`${["only ours rejects (withheld):", ...stricter].join("\n  ")}\n`);
      // The one known gap: `oneOf` exclusivity is not generated (a value may match two branches);
      // such values are withheld as generator bugs. A generator bug anywhere else fails the test.
      const oneOfBugs = outcomes.filter(
        (o) => o.generatorBugs.length > 0 && reachesOneOf(document, o.name),
      );
      const withheld = oneOfBugs.reduce((n, o) => n + o.generatorBugs.length, 0);
      process.stdout.write(
        `withheld values of schemas with oneOf: ${withheld} in ${oneOfBugs.length} schemas\n`,
      );
      const bugs = outcomes
        .filter((o) => o.generatorBugs.length > 0 && !oneOfBugs.includes(o))
        .map((o) => `${o.name}: ${JSON.stringify(o.generatorBugs[0]).slice(0, 300)}`);
      const rejected = outcomes
        .filter((o) => o.referenceRejected.length > 0)
        .map((o) => `${o.name}: ${JSON.stringify(o.referenceRejected[0]).slice(0, 300)}`);
      const accepted = outcomes
        .filter((o) => o.referenceAccepted.length > 0)
        .map((o) => `${o.name}: ${o.referenceAccepted[0]}`);
      expect({ bugs, rejected, accepted }).toEqual({ bugs: [], rejected: [], accepted: [] });
      // Most sampled schemas get values and mutants (the printed summary names every gap).
      const generated = outcomes.filter((o) => o.values > 0).length;
      expect(generated).toBeGreaterThanOrEqual(Math.ceil(outcomes.length * 0.9));
      expect(outcomes.filter((o) => o.mutants > 0).length).toBeGreaterThanOrEqual(
        Math.ceil(generated * 0.9),
      );
    },
    60_000,
  );
});
