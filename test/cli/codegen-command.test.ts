import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run as runCodegen } from "../../src/cli/codegen-command.js";
import { documentEmitters } from "../../src/codegen/emitters.js";
import { CheckFailedError, UsageError } from "../../src/errors.js";
import { runCli } from "../support/run-cli.js";

const fixtures = join(import.meta.dirname, "../fixtures/codegen");
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "codegen-cli-"));
  await cp(join(fixtures, "repo"), root, { recursive: true });
  await run(["--root", root]);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The codegen command with the in-thread emitters (no types worker started per call). */
const run = (args: string[]) => runCodegen(args, { emitters: documentEmitters });

/** The CLI as users run it (main maps errors to exit codes and one-line messages), in-process. */
async function cli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const { code, out, err } = await runCli(["codegen", ...args]);
  return { status: code, stdout: out, stderr: err };
}

describe("api-contracts codegen (run)", () => {
  it("--check passes on fresh output, then names the stale file after an enum edit", async () => {
    await expect(run(["--root", root, "--check"])).resolves.toBe(0);
    const spec = join(root, "specs/alpha-shop/openapi.yaml");
    const original = await readFile(spec, "utf8");
    await writeFile(
      spec,
      original.replace("enum: [open, closed, cancelled]", "enum: [open, closed, refunded]"),
    );
    try {
      // One run, both checks on its rejection: each run starts a codegen worker of its own.
      const failure = run(["--root", root, "--check"]);
      await expect(failure).rejects.toBeInstanceOf(CheckFailedError);
      await expect(failure).rejects.toThrow(/stale +\S*generated\/alpha-shop\/types\.ts/);
    } finally {
      await writeFile(spec, original);
    }
  });

  it.each([
    [
      "--spec without --out",
      { args: ["--spec", "x.yaml"], message: "--spec and --out go together" },
    ],
    ["unknown flag", { args: ["--chek"], message: "Unknown option '--chek'" }],
    [
      "--runtime-import without --spec",
      { args: ["--runtime-import", "x"], message: "--runtime-import applies with --spec only" },
    ],
  ])("%s is a usage error", async (_name, { args, message }) => {
    await expect(run(args)).rejects.toThrow(UsageError);
    await expect(run(args)).rejects.toThrow(message);
  });
});

describe("api-contracts codegen (exit codes through the CLI)", () => {
  it.each([
    [
      "unknown --api",
      {
        args: () => ["--root", root, "--api", "gamma"],
        status: 2,
        stderr: /unknown API 'gamma'; known: alpha-shop, beta-books/,
      },
    ],
    [
      "malformed spec names file and line",
      {
        args: () => ["--spec", join(fixtures, "malformed.yaml"), "--out", join(root, "x")],
        status: 2,
        stderr: /malformed\.yaml:9:19: invalid YAML/,
      },
    ],
    [
      "unresolvable $ref: a named warning at the ref, exit 0",
      {
        args: () => ["--spec", join(fixtures, "bad-ref.yaml"), "--out", join(root, "x")],
        status: 0,
        stderr:
          /^warning: [a-z-]+ \/paths\/~1things\/get\/responses\/200\/content\/application~1json\/schema\/\$ref: unresolvable-ref: \$ref '#\/components\/schemas\/Missing'/,
      },
    ],
    [
      "unresolvable $ref with --strict: exit 2 naming the ref and where it is used",
      {
        args: () => [
          "--spec",
          join(fixtures, "bad-ref.yaml"),
          "--out",
          join(root, "y"),
          "--strict",
        ],
        status: 2,
        stderr:
          /--strict: .*bad-ref\.yaml has 1 warning\(s\)[\s\S]*\/schema\/\$ref: unresolvable-ref: \$ref '#\/components\/schemas\/Missing'/,
      },
    ],
  ])("%s", async (_name, { args, status, stderr }) => {
    const result = await cli(args());
    expect(result.stderr).toMatch(stderr);
    expect(result.status).toBe(status);
  });
});
