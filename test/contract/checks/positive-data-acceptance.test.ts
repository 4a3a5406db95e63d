/** positive_data_acceptance: a valid request refused with an unexpected 4xx fails; expected ones do not. */
import { describe, expect, it } from "vitest";
import { positiveDataAcceptance } from "../../../src/contract/checks/positive-data-acceptance.js";
import { generatedContext } from "./generation-check-context.js";

const CASES: [string, { given: { status: number; expected?: number[] }; want: string[] }][] = [
  [
    "400 is a refusal",
    {
      given: { status: 400 },
      want: [
        "a schema-valid request was refused with 400 (expected 2xx, or one of 401, 403, 429); seed 42",
      ],
    },
  ],
  ["429 is expected by default", { given: { status: 429 }, want: [] }],
  ["401 is expected by default", { given: { status: 401 }, want: [] }],
  ["404 when configured as expected", { given: { status: 404, expected: [404] }, want: [] }],
  ["200 passes", { given: { status: 200 }, want: [] }],
  ["500 is not_a_server_error's", { given: { status: 500 }, want: [] }],
];

describe("positive_data_acceptance", () => {
  it.each(CASES)("%s", (_name, { given, want }) => {
    const ctx = generatedContext(
      given.status,
      "positive",
      given.expected ? { expected: given.expected } : {},
    );
    expect(positiveDataAcceptance.run(ctx).map((f) => f.message)).toEqual(want);
  });

  it("applies to positive generated cases only", () => {
    expect(positiveDataAcceptance.appliesTo(generatedContext(400, "positive"))).toBe(true);
    expect(positiveDataAcceptance.appliesTo(generatedContext(400, "negative"))).toBe(false);
    expect(
      positiveDataAcceptance.appliesTo(generatedContext(400, "positive", { generated: false })),
    ).toBe(false);
  });
});
