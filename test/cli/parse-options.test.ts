import { describe, expect, it } from "vitest";
import { closest, parseOptions } from "../../src/cli/parse-options.js";
import { UsageError } from "../../src/errors.js";

const FLAGS = ["--target", "--api", "--timeout", "--strict-examples", "--rate", "--reports"];

describe("closest: a typo's likely meaning, or nothing", () => {
  it.each<[string, { given: string; want: string | undefined }]>([
    ["one letter dropped", { given: "--taget", want: "--target" }],
    ["two letters swapped", { given: "--tiemout", want: "--timeout" }],
    ["one letter missing at the end", { given: "--strict-example", want: "--strict-examples" }],
    ["case differs", { given: "--API", want: "--api" }],
    ["unrelated word", { given: "--fast", want: undefined }],
    ["too short to guess", { given: "--x", want: undefined }],
  ])("%s", (_name, { given, want }) => {
    expect(closest(given, FLAGS)).toBe(want);
  });

  it("commands too", () => {
    expect(closest("tset", ["test", "diff", "drift", "pull"])).toBe("test");
  });
});

describe("parseOptions", () => {
  const config = { options: { target: { type: "string" as const } }, strict: true };

  it.each<[string, { args: string[]; want: string }]>([
    [
      "a misspelt flag names the closest one",
      {
        args: ["--taget", "live"],
        want: "Unknown option '--taget' (did you mean --target?); see 'api-contracts test --help'",
      },
    ],
    [
      "an unrelated flag gets no guess",
      { args: ["--fast"], want: "Unknown option '--fast'; see 'api-contracts test --help'" },
    ],
  ])("%s", (_name, { args, want }) => {
    const parse = () => parseOptions("test", { ...config, args });
    expect(parse).toThrow(UsageError);
    expect(parse).toThrow(want);
  });
});
