/**
 * Bodies generated from each vendored response schema by json-schema-faker (the generator Prism
 * uses) are all accepted: the validators reject nothing the schemas allow.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { listOperations, listResponseBodies } from "../../src/codegen/list-operations.js";
import { validateResponseWith } from "../../src/runtime/validate/validate-with-module.js";
import { fakeJson, seeded } from "../support/json-schema-faker.js";
import { type CompiledApi, compileSpecFile, VENDORED } from "./compile-validators.js";

const SAMPLES_PER_RESPONSE = 60;

/**
 * The document as json-schema-faker should read it: faker generates from `format` before
 * `pattern`, so where both are present the (stricter) pattern is kept; int32 gets its bounds.
 */
function forFaker(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forFaker);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = forFaker(value);
  if (typeof out.pattern === "string") delete out.format;
  if (out.format === "int32") {
    out.minimum ??= -(2 ** 31);
    out.maximum ??= 2 ** 31 - 1;
  }
  return out;
}

/** A valid decimal for OpenAPI's `decimal` format, which json-schema-faker does not know. */
const FAKER_FORMATS = { decimal: () => "42.125" };

const apis: CompiledApi[] = [];
beforeAll(async () => {
  for (const [id, file] of Object.entries(VENDORED)) apis.push(await compileSpecFile(file, id));
});

describe("json-schema-faker samples", () => {
  it("accepts every generated body of every vendored response", () => {
    const rejected: string[] = [];
    const keys = new Set<string>();
    let checked = 0;
    for (const api of apis) {
      const components = forFaker(api.document.components);
      for (const op of listOperations(api.document, api.api)) {
        for (const body of listResponseBodies(api.document, op, api.api)) {
          if (body.validator === null) continue;
          const root = { ...(forFaker(body.schema) as object), components };
          for (let seed = 1; seed <= SAMPLES_PER_RESPONSE; seed++) {
            const sample = fakeJson(
              root,
              {
                random: seeded(seed),
                alwaysFakeOptionals: seed % 2 === 0,
                refDepthMax: 4,
                failOnInvalidFormat: true,
              },
              FAKER_FORMATS,
            );
            JSON.stringify(sample, (key, value) => {
              keys.add(key);
              return value;
            });
            const result = validateResponseWith(api.index, api.module, {
              operation: op.key,
              status: body.status,
              contentType: body.mediaType,
              body: sample,
            });
            checked++;
            if (!result.valid) {
              rejected.push(
                `${api.api} ${op.key} ${body.status} seed ${seed}: ${JSON.stringify(result.errors.slice(0, 3))}`,
              );
            }
          }
        }
      }
    }
    expect(checked).toBe(4 * SAMPLES_PER_RESPONSE);
    // The samples reach deep into both documents, not just their top level.
    for (const key of [
      "amount_total",
      "invoice_date",
      "payer_id",
      "erpData",
      "unitPrice",
      "postingDate",
      "detail",
    ]) {
      expect(keys).toContain(key);
    }
    expect(rejected).toEqual([]);
  });
});
