import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import type { EmitterOptions } from "../../../src/codegen/emitter.js";
import { documentEmitters, startParallelEmitters } from "../../../src/codegen/emitters.js";
import { generateApi } from "../../../src/codegen/generate-api.js";
import {
  startWorkerEmitter,
  type WorkerEmitter,
} from "../../../src/codegen/workers/worker-emitter.js";
import { readSpec } from "../../../src/document/discover-specs.js";
import { SpecError } from "../../../src/errors.js";

const fixtures = join(import.meta.dirname, "../../fixtures/codegen");
const emitters = pathToFileURL(join(fixtures, "worker-emitters.ts")).href;
const document = { openapi: "3.0.3", info: { title: "echo", version: "1" }, paths: {} };
const options = {
  api: "echo",
  runtimeImport: "../../src/runtime",
  sourceFile: "echo.yaml",
  index: { api: "echo", operations: {}, warnings: [] },
} as unknown as EmitterOptions;

const started: WorkerEmitter[] = [];
function start(exportName: string, preload?: string): WorkerEmitter {
  const worker = startWorkerEmitter(emitters, exportName, preload);
  started.push(worker);
  return worker;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((w) => w.close()));
});

describe("startWorkerEmitter", () => {
  it("runs the emitter in a thread, after its preload export", async () => {
    const worker = start("echo", "preload");
    const result = await worker.emit(document, options);
    expect(JSON.parse(result.files["echo.json"] ?? "")).toEqual({
      title: "echo",
      api: "echo",
      preloaded: true,
    });
    expect(result.warnings).toEqual([{ pointer: "/info", message: "echoed" }]);
  });

  it.each([
    [
      "a SpecError keeps its class, file, pointer and line",
      {
        exportName: "failWithSpecError",
        want: {
          name: "SpecError",
          message: "x.yaml: broken at /paths",
          pointer: "/paths",
          line: 7,
        },
      },
    ],
    [
      "another error keeps its name and message",
      { exportName: "failWithTypeError", want: { name: "TypeError", message: "not a function" } },
    ],
    [
      "a thread that exits fails the run",
      { exportName: "exitThread", want: { message: "exitThread worker exited (code 3)" } },
    ],
    [
      "an export that does not exist fails the run",
      { exportName: "nope", want: { message: expect.stringContaining("exports no emitter nope") } },
    ],
  ])("%s", async (_name, { exportName, want }) => {
    const failure = await start(exportName)
      .emit(document, options)
      .catch((e: unknown) => e);
    expect(failure).toMatchObject(want);
    expect(failure instanceof SpecError).toBe(exportName === "failWithSpecError");
  });

  it("fails runs after close", async () => {
    const worker = start("echo");
    await worker.close();
    await expect(worker.emit(document, options)).rejects.toThrow("echo worker was closed");
  });
});

describe("startParallelEmitters (types in a worker thread)", () => {
  it.each([
    ["beta-books", join(fixtures, "repo/specs/beta-books/openapi.json")],
    ["unseen-petstore", join(fixtures, "unseen-petstore.yaml")],
  ])("%s: the same files and warnings as the in-process emitters", async (api, path) => {
    const spec = await readSpec(path, path);
    const base = {
      api,
      sourceFile: `specs/${api}/openapi.yaml`,
      runtimeImport: "../../src/runtime",
    };
    const parallel = startParallelEmitters();
    try {
      const inWorker = await generateApi(spec, { ...base, emitters: parallel.emitters });
      const inProcess = await generateApi(spec, { ...base, emitters: documentEmitters });
      expect(inWorker.files).toEqual(inProcess.files);
      expect(inWorker.warnings).toEqual(inProcess.warnings);
    } finally {
      await parallel.close();
    }
  });
});
