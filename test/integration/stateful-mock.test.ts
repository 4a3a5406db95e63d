/**
 * Stateful sequences against the mock (issue 18): for a document with writes, create → retrieve →
 * delete → retrieve-gives-404 runs against real Prism, through the proxy that remembers deletes
 * (src/contract/targets/delete-memory-proxy.ts), every step checked like any generated request.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileRequestSchemas } from "../../src/cli/compile-request-schemas.js";
import {
  type GenerationResult,
  runGenerated,
} from "../../src/contract/generation/run-generated.js";
import { mockDocument, writeMockDocument } from "../../src/contract/targets/mock-document.js";
import { mockSession } from "../../src/contract/targets/mock-target.js";
import { type PrismServer, startPrism } from "../../src/contract/targets/prism-server.js";
import { loadFixtureApi } from "../contract/fixture-api.js";

const WRITES = join(import.meta.dirname, "../fixtures/whole-documents/writes-31.yaml");

let prism: PrismServer | undefined;
let removeDocument: (() => Promise<void>) | undefined;
let generated: GenerationResult;

beforeAll(async () => {
  const api = await loadFixtureApi(WRITES, "writes-31");
  const written = await writeMockDocument(
    "writes-31",
    mockDocument(api.document, api.index, api.validators).document,
  );
  removeDocument = written.remove;
  prism = await startPrism({ specFile: written.file, mode: "static", api: "writes-31" });
  generated = await runGenerated(
    { ...api, semantics: undefined, session: mockSession("writes-31", prism.url) },
    { seed: 7, maxExamples: 1, compile: compileRequestSchemas },
  );
}, 120_000);

afterAll(async () => {
  await prism?.close();
  await removeDocument?.();
});

describe("stateful sequence against Prism, deletes remembered", () => {
  it("runs create → retrieve → delete → retrieve with 201, 200, 204, 404 and no failure", () => {
    const steps = generated.sequences.map((c) => ({
      id: c.run.case.id,
      status: c.run.exchanges[0]?.status,
      failures: c.failures.map((f) => `${f.check}: ${f.message}`),
    }));
    expect(steps).toEqual([
      { id: "createPayment stateful create", status: 201, failures: [] },
      { id: "getPayment stateful retrieve after create", status: 200, failures: [] },
      { id: "deletePayment stateful delete", status: 204, failures: [] },
      { id: "getPayment stateful retrieve after delete", status: 404, failures: [] },
    ]);
    expect(generated.notes.join("\n")).toContain("1 path(s) deleted");
  });
});
