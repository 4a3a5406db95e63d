/** parseGenerationFlags: --max-examples turns the phase on; malformed values are usage errors saying what is expected. */
import { describe, expect, it } from "vitest";
import { parseGenerationFlags } from "../../../src/contract/generation/generation-flags.js";
import { UsageError } from "../../../src/errors.js";

type Values = { "max-examples"?: string; seed?: string; failures?: string };

const OK: [string, { given: Values; want: unknown }][] = [
  ["no flag: phase off", { given: {}, want: undefined }],
  ["a budget", { given: { "max-examples": "25" }, want: { maxExamples: 25 } }],
  [
    "a budget, a seed and a database",
    {
      given: { "max-examples": "5", seed: "0", failures: "db" },
      want: { maxExamples: 5, seed: 0, failureDir: "db" },
    },
  ],
];

const BAD: [string, { given: Values; want: RegExp }][] = [
  [
    "zero examples",
    { given: { "max-examples": "0" }, want: /--max-examples must be a whole number from 1/ },
  ],
  [
    "a fraction",
    { given: { "max-examples": "2.5" }, want: /--max-examples must be a whole number/ },
  ],
  [
    "a negative seed",
    {
      given: { "max-examples": "5", seed: "-1" },
      want: /--seed must be a whole number from 0 to 2147483647; got '-1'/,
    },
  ],
  [
    "a seed past 31 bits",
    { given: { "max-examples": "5", seed: "2147483648" }, want: /--seed must be/ },
  ],
  ["a seed without a budget", { given: { seed: "3" }, want: /add --max-examples N/ }],
];

describe("parseGenerationFlags", () => {
  it.each(OK)("%s", (_name, { given, want }) => {
    expect(parseGenerationFlags(given)).toEqual(want);
  });
  it.each(BAD)("%s is a usage error", (_name, { given, want }) => {
    expect(() => parseGenerationFlags(given)).toThrow(UsageError);
    expect(() => parseGenerationFlags(given)).toThrow(want);
  });
});
