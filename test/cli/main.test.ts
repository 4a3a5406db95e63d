/**
 * main(): dispatch, did-you-mean for commands and flags, --version and --help. (`test --taget` is
 * parse-options.test.ts's case; here flags go through main on `validate`, which loads fast.)
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";

let stderr: string;
let stdout: string;
beforeEach(() => {
  stderr = "";
  stdout = "";
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe("main: a misspelt command or flag gets the closest one, exit 2, one line", () => {
  it.each<[string, { argv: string[]; want: string }]>([
    [
      "a misspelt command",
      {
        argv: ["tset", "--target", "mock"],
        want: "api-contracts: unknown command 'tset' (did you mean test?); known: ",
      },
    ],
    ["a command with a letter missing", { argv: ["codgen"], want: "(did you mean codegen?)" }],
    [
      "a misspelt flag of validate",
      {
        argv: ["validate", "--operaton", "x", "--api", "gcore-billing", "-"],
        want: "Unknown option '--operaton' (did you mean --operation?)",
      },
    ],
  ])("%s", async (_name, { argv, want }) => {
    expect(await main(argv)).toBe(2);
    expect(stderr).toContain(want);
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(stdout).toBe("");
  });

  it("an unrelated word gets no guess, only the list", async () => {
    expect(await main(["frobnicate"])).toBe(2);
    expect(stderr).not.toContain("did you mean");
    expect(stderr).toContain("known: diff, drift");
  });
});

describe("main: --version and --help need no command module", () => {
  it.each<[string, { argv: string[]; want: RegExp }]>([
    ["--version", { argv: ["--version"], want: /^api-contracts \d+\.\d+\.\d+\n$/ }],
    ["-v", { argv: ["-v"], want: /^api-contracts \d+\.\d+\.\d+\n$/ }],
    [
      "--help",
      { argv: ["--help"], want: /^usage: api-contracts <command>[\s\S]*\n {2}validate /m },
    ],
  ])("%s", async (_name, { argv, want }) => {
    expect(await main(argv)).toBe(0);
    expect(stdout).toMatch(want);
    expect(stderr).toBe("");
  });
});
