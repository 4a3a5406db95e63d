/**
 * The library entry `validateResponse(api, input)`: API ids resolved through the generated
 * registry (replaced here by the vendored specs compiled with the real emitter).
 */
import { describe, expect, it, vi } from "vitest";
import { gcoreInvoicePage } from "../../bench/gcore-invoice-page.js";
import { UnknownApiError } from "../../src/errors.js";
import { UnknownOperationError } from "../../src/runtime/validate/operation-lookup-errors.js";
import {
  loadGeneratedApi,
  loadResponseValidator,
  validateResponse,
} from "../../src/validate/validate-response.js";

const loads = vi.hoisted(() => ({ count: 0 }));

vi.mock("../../generated/index.js", async () => {
  const { compileSpecFile, VENDORED } = await import("./compile-validators.js");
  const { toResponseIndex } = await import("../../src/codegen/emit-validation.js");
  const responseModules: Record<string, () => Promise<unknown>> = {};
  for (const [id, file] of Object.entries(VENDORED)) {
    const compiled = await compileSpecFile(file, id);
    const responseIndex = toResponseIndex(compiled.index);
    responseModules[id] = async () => {
      loads.count++;
      return { responseIndex, loadValidators: async () => compiled.module };
    };
  }
  return { apiIds: Object.keys(VENDORED), responseModules };
});

describe("validateResponse", () => {
  it.each([
    [
      "a valid Gcore page",
      {
        api: "gcore-billing",
        operation: "v1_erp_invoices_list",
        body: gcoreInvoicePage(10),
        want: { valid: true, errors: [], omitted: 0 },
      },
    ],
    [
      "an invalid SoftwareOne invoice",
      {
        api: "softwareone-marketplace",
        operation: "GET /public/v1/billing/invoices/{id}",
        body: { id: 1 },
        want: {
          valid: false,
          omitted: 0,
          errors: [{ pointer: "/id", keyword: "type", message: "must be string", value: 1 }],
        },
      },
    ],
  ])("%s", async (_name, { api, operation, body, want }) => {
    expect(
      await validateResponse(api, {
        operation,
        status: 200,
        contentType: "application/json",
        body,
      }),
    ).toEqual(want);
  });

  it("rejects an unknown API with the known ids", async () => {
    await expect(
      validateResponse("gcor", { operation: "x", status: 200, body: {} }),
    ).rejects.toThrow(new UnknownApiError("gcor", ["gcore-billing", "softwareone-marketplace"]));
  });

  it("rejects an unknown operation as a usage error", async () => {
    await expect(
      validateResponse("gcore-billing", { operation: "nope", status: 200, body: {} }),
    ).rejects.toBeInstanceOf(UnknownOperationError);
  });

  it("loads each API once and then validates synchronously", async () => {
    const before = loads.count;
    const validate = await loadResponseValidator("gcore-billing");
    await loadGeneratedApi("gcore-billing");
    const result = validate({
      operation: "v1_erp_invoices_retrieve",
      status: 404,
      body: undefined,
    });
    expect(result.valid).toBe(true);
    expect(loads.count - before).toBeLessThanOrEqual(1);
    expect(await loadGeneratedApi("gcore-billing")).toBe(await loadGeneratedApi("gcore-billing"));
  });
});
