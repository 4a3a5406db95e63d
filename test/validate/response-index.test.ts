/**
 * The response index (`generated/<api>/validation.ts`, what `validateResponse` imports instead of
 * operations.ts): equal to the operation index restricted to key, operationId, method, path and
 * responses; whole or split into chunks (emit-validation.ts, lazy-response-index.ts).
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { gcoreInvoicePage } from "../../bench/gcore-invoice-page.js";
import { apiIds, apiModules, responseModules } from "../../generated/index.js";
import { emitValidationFiles } from "../../src/codegen/emit-validation.js";
import type { ApiIndex, ResponseIndex } from "../../src/runtime/operation-index.js";
import { UnknownOperationError } from "../../src/runtime/validate/operation-lookup-errors.js";
import type { ResponseInput, ValidatorModule } from "../../src/runtime/validate/types.js";
import {
  validateResponseLoading,
  validateResponseWith,
} from "../../src/runtime/validate/validate-with-module.js";
import { validateResponse } from "../../src/validate/validate-response.js";
import { compileSpecFile, root, VENDORED } from "./compile-validators.js";

/** The operation index with only the fields validation reads, picked here independently. */
function restrict(index: ApiIndex): ResponseIndex {
  return {
    api: index.api,
    operations: Object.fromEntries(
      Object.entries(index.operations).map(([name, op]) => [
        name,
        {
          key: op.key,
          operationId: op.operationId,
          method: op.method,
          path: op.path,
          responses: op.responses,
        },
      ]),
    ),
  };
}

/** Write `files` (validation.ts, responses/<n>.ts) into a fresh folder and import validation.ts. */
async function importValidation(
  files: Readonly<Record<string, string>>,
): Promise<{ responseIndex: ResponseIndex; loadValidators: () => Promise<ValidatorModule> }> {
  const hash = createHash("sha256");
  for (const [name, text] of Object.entries(files)) hash.update(name).update(text);
  const out = join(root, ".tmp", "validate-tests", `responses-${hash.digest("hex").slice(0, 16)}`);
  const entry = join(out, "validation.ts");
  if (!existsSync(entry)) {
    // validation.ts last: once it exists, so do the chunks it imports.
    for (const name of [
      ...Object.keys(files).filter((n) => n !== "validation.ts"),
      "validation.ts",
    ]) {
      const target = join(out, name);
      await mkdir(dirname(target), { recursive: true });
      const temporary = `${target}.${process.pid}.tmp`;
      await writeFile(temporary, files[name] ?? "");
      await rename(temporary, target);
    }
  }
  return import(pathToFileURL(entry).href);
}

describe("generated response index", () => {
  it.each(apiIds.map((id) => [id]))(
    "%s: validation.ts equals operations.ts restricted to the validation fields",
    async (id) => {
      const [{ responseIndex }, { apiIndex }] = await Promise.all([
        responseModules[id](),
        apiModules[id](),
      ]);
      const want = restrict(apiIndex as ApiIndex);
      expect(responseIndex).toEqual(want);
      // Same key order as the operation index, so error messages list keys alike.
      expect(Object.keys(responseIndex.operations)).toEqual(Object.keys(want.operations));
    },
  );

  it.each([
    [
      "a valid Gcore page by operationId",
      {
        api: "gcore-billing",
        input: { operation: "v1_erp_invoices_list", status: 200, body: gcoreInvoicePage(3) },
        want: true,
      },
    ],
    [
      "an invalid SoftwareOne invoice by METHOD /path",
      {
        api: "softwareone-marketplace",
        input: { operation: "GET /public/v1/billing/invoices/{id}", status: 200, body: { id: 1 } },
        want: false,
      },
    ],
  ])("validateResponse through the real registry: %s", async (_name, { api, input, want }) => {
    expect((await validateResponse(api, input)).valid).toBe(want);
  });
});

describe("split response index", () => {
  const compiled = compileSpecFile(VENDORED["gcore-billing"], "gcore-billing");
  // One operation a chunk on average: every lookup goes through a chunk import.
  const split = compiled.then(async ({ index, file }) => {
    const runtimeImport = "../../../src/runtime";
    const files = emitValidationFiles(index, runtimeImport, {
      hasValidators: true,
      splitAbove: 0,
      chunkSize: 1,
    });
    const loaded = await importValidation(files);
    // The validators compiled by the helper, not the folder's own (not written here).
    return {
      ...loaded,
      files,
      index,
      module: (await import(pathToFileURL(file).href)) as ValidatorModule,
    };
  });

  it("emits one chunk per operation on average and a loader per chunk", async () => {
    const { files, index } = await split;
    const count = Object.keys(index.operations).length;
    const chunks = Object.keys(files).filter((name) => name.startsWith("responses/"));
    expect(chunks).toHaveLength(count);
    expect(files["validation.ts"]?.match(/import\("\.\/responses\/\d+\.js"\)/g)).toHaveLength(
      count,
    );
  });

  it.each([
    [
      "by operationId",
      { operation: "v1_erp_invoices_list", status: 200, body: gcoreInvoicePage(2) },
      true,
    ],
    [
      "by METHOD /path (every chunk)",
      { operation: "GET /billing/org/v1/erp-invoices/{id}", status: 200, body: { id: "x" } },
      false,
    ],
  ] satisfies [string, ResponseInput, boolean][])(
    "validateResponseLoading %s",
    async (_name, input, want) => {
      const { responseIndex, module } = await split;
      expect((await validateResponseLoading(responseIndex, module, input)).valid).toBe(want);
    },
  );

  it("refuses a synchronous check before the operation's chunk is loaded", async () => {
    const { files, module } = await split;
    // A fresh copy of validation.ts: a new module instance with nothing loaded.
    const fresh = await importValidation({
      ...files,
      "validation.ts": `${files["validation.ts"]}// fresh\n`,
    });
    const input = { operation: "v1_erp_invoices_retrieve", status: 404, body: undefined };
    expect(() => validateResponseWith(fresh.responseIndex, module, input)).toThrow(
      "operation 'v1_erp_invoices_retrieve' is not loaded yet",
    );
    await fresh.responseIndex.load?.(input.operation);
    expect(validateResponseWith(fresh.responseIndex, module, input).valid).toBe(true);
    // Found in the chunk codegen hashed it to: not every chunk was needed.
    expect(fresh.responseIndex.isLoaded?.("nope")).toBe(false);
  });

  it("lists every key for an unknown operation, and equals the whole index once loaded", async () => {
    const { responseIndex, module, index } = await split;
    const error = await validateResponseLoading(responseIndex, module, {
      operation: "nope",
      status: 200,
      body: {},
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownOperationError);
    expect([...(error as UnknownOperationError).known].sort()).toEqual(
      Object.keys(index.operations).sort(),
    );
    await responseIndex.loadAll?.();
    expect(responseIndex.operations).toEqual(restrict(index).operations);
  });
});
