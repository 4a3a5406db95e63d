/**
 * Mutation test over both vendored APIs: for every constraint of every response schema (pattern,
 * enum, type, required, non-nullable, format, minimum/maximum, minLength/maxLength,
 * additionalProperties:false), a body breaking that constraint must be rejected at its pointer.
 * Prints the kill rate; it must be 100%.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { listOperations, listResponseBodies } from "../../src/codegen/list-operations.js";
import { validateResponseWith } from "../../src/runtime/validate/validate-with-module.js";
import { type CompiledApi, compileSpecFile, VENDORED } from "./compile-validators.js";
import { type Mutant, responseMutants } from "./mutants.js";

interface Target {
  readonly api: CompiledApi;
  readonly operation: string;
  readonly status: string;
  readonly contentType: string;
  readonly schema: unknown;
  readonly pointer: string;
}

const apis: CompiledApi[] = [];
beforeAll(async () => {
  for (const [id, file] of Object.entries(VENDORED)) apis.push(await compileSpecFile(file, id));
});

function targets(): Target[] {
  return apis.flatMap((api) =>
    listOperations(api.document, api.api).flatMap((op) =>
      listResponseBodies(api.document, op, api.api)
        .filter((body) => body.validator !== null)
        .map((body) => ({
          api,
          operation: op.key,
          status: body.status,
          contentType: body.mediaType,
          schema: body.schema,
          pointer: body.pointer,
        })),
    ),
  );
}

function check(target: Target, body: unknown) {
  return validateResponseWith(target.api.index, target.api.module, {
    operation: target.operation,
    status: target.status,
    contentType: target.contentType,
    body,
  });
}

describe("mutation test over the vendored response schemas", () => {
  it("covers every response body with a schema (Gcore list + retrieve, SoftwareOne 200 + 404)", () => {
    expect(targets().map((t) => `${t.api.api} ${t.operation} ${t.status}`)).toEqual([
      "gcore-billing v1_erp_invoices_list 200",
      "gcore-billing v1_erp_invoices_retrieve 200",
      "softwareone-marketplace GET /public/v1/billing/invoices/{id} 200",
      "softwareone-marketplace GET /public/v1/billing/invoices/{id} 404",
    ]);
  });

  it("accepts each maximal sample body", () => {
    for (const target of targets()) {
      const { sample } = responseMutants(
        target.api.document,
        target.schema as Record<string, unknown>,
        target.pointer,
      );
      expect(check(target, sample).errors).toEqual([]);
    }
  });

  it("rejects every mutant at its constraint's pointer (kill rate 100%)", () => {
    const survivors: string[] = [];
    const byKind = new Map<string, { total: number; killed: number; alone: number }>();
    let total = 0;
    let killed = 0;
    for (const target of targets()) {
      const { mutants } = responseMutants(
        target.api.document,
        target.schema as Record<string, unknown>,
        target.pointer,
      );
      for (const mutant of mutants as Mutant[]) {
        const result = check(target, mutant.body);
        const caught = result.errors.some(
          (v) => v.pointer === mutant.pointer && mutant.expect.includes(v.keyword),
        );
        const alone = caught && result.errors.every((v) => v.pointer === mutant.pointer);
        const stats = byKind.get(mutant.kind) ?? { total: 0, killed: 0, alone: 0 };
        stats.total++;
        total++;
        if (caught) {
          stats.killed++;
          killed++;
        } else {
          survivors.push(
            `${target.api.api} ${target.operation} ${target.status}: ${mutant.kind} at ${mutant.pointer} (${mutant.schemaPointer})`,
          );
        }
        if (alone) stats.alone++;
        byKind.set(mutant.kind, stats);
      }
    }
    const lines = [...byKind].map(
      ([kind, s]) =>
        `  ${kind.padEnd(28)} ${String(s.killed).padStart(5)}/${String(s.total).padEnd(5)} (${s.alone} reported alone)`,
    );
    process.stdout.write(
      `mutation kill rate: ${killed}/${total} = ${((100 * killed) / total).toFixed(1)}%\n${lines.join("\n")}\n`,
    );
    expect(total).toBeGreaterThan(400);
    expect(survivors).toEqual([]);
  });
});
