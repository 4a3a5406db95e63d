import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/add-command.js";

// The whole flow (copy, vendor, codegen, mock suite) runs in test/integration/add-api.test.ts;
// here, the usage errors that stop add before it reads or writes anything.
let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "add-command-"));
  await mkdir(join(root, "specs", "taken-api"), { recursive: true });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("api-contracts add: usage errors (exit 2, nothing written)", () => {
  it.each([
    ["no API id", { given: ["--from", "x.yaml"], want: "add takes one API id" }],
    [
      "two API ids",
      { given: ["a-api", "b-api", "--from", "x.yaml"], want: "add takes one API id" },
    ],
    ["no --from", { given: ["acme"], want: "add needs --from FILE|URL" }],
    [
      "an id that is not kebab-case",
      { given: ["AcmeBilling", "--from", "x.yaml"], want: "not a valid API id" },
    ],
    ["a reserved id", { given: ["runtime", "--from", "x.yaml"], want: "'runtime' is reserved" }],
    [
      "a plain-http URL",
      {
        given: ["acme", "--from", "http://example.com/openapi.yaml"],
        want: "only https:// URLs are read",
      },
    ],
    [
      "an existing folder",
      {
        given: ["taken-api", "--from", "x.yaml"],
        want: "specs/taken-api/ already exists; to take a new upstream version run 'api-contracts pull taken-api'",
      },
    ],
    ["a misspelt flag", { given: ["acme", "--form", "x.yaml"], want: "did you mean --from?" }],
  ])("%s", async (_, { given, want }) => {
    const error = await run(given, root).catch((e: unknown) => e);
    expect(error).toMatchObject({ exitCode: 2 });
    expect((error as Error).message).toContain(want);
    expect(await readdir(join(root, "specs"))).toEqual(["taken-api"]);
  });
});
