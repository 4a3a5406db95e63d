/**
 * The failure database: read back what was written (one entry per API, operation, mode and check),
 * nothing when the file is absent, a setup error naming the file and the fix when it is not one.
 */
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ContractSetupError } from "../../../src/contract/contract-errors.js";
import {
  failureFile,
  readFailures,
  writeFailures,
} from "../../../src/contract/generation/failure-database.js";
import type { SavedFailure } from "../../../src/contract/generation/saved-failure.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "failure-db-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const saved = (check: string, limit: number): SavedFailure => ({
  api: "lab",
  operation: "items_list",
  check,
  mode: "negative",
  seed: 1,
  request: { path: {}, query: { limit }, header: {} },
  breaks: { keyword: "minimum", pointer: "/query/limit" },
  message: "accepted",
  baseUrl: "http://127.0.0.1:1",
  credential: { variable: "LAB_KEY" },
  expectedStatuses: [401, 403, 429],
});

describe("failure database", () => {
  it("reads back what was written, one entry per check (the last wins), leaving no partial file", async () => {
    await writeFailures(dir, "lab", [
      saved("negative_data_rejection", -1),
      saved("negative_data_rejection", -2),
      saved("not_a_server_error", -3),
    ]);
    const read = await readFailures(dir, "lab");
    expect(read.map((f) => [f.check, f.request.query.limit])).toEqual([
      ["negative_data_rejection", -2],
      ["not_a_server_error", -3],
    ]);
    expect((await readdir(dir)).filter((name) => name.includes("partial"))).toEqual([]);
  });

  it("has nothing for an API never written", async () => {
    expect(await readFailures(dir, "other")).toEqual([]);
  });

  const BAD: [string, { given: string; want: RegExp }][] = [
    ["not JSON", { given: "{", want: /is not JSON .*delete it to start afresh/ }],
    ["another shape", { given: '{"failures": {}}', want: /is not a version 1 database/ }],
  ];
  it.each(BAD)("a file that is %s is a setup error naming it", async (_name, { given, want }) => {
    await writeFile(failureFile(dir, "broken"), given);
    const reading = readFailures(dir, "broken");
    await expect(reading).rejects.toThrow(ContractSetupError);
    await expect(readFailures(dir, "broken")).rejects.toThrow(want);
  });
});
