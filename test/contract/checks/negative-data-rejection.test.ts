/** negative_data_rejection: an invalid request must get a 4xx; the failure names the keyword broken. */
import { describe, expect, it } from "vitest";
import { negativeDataRejection } from "../../../src/contract/checks/negative-data-rejection.js";
import { generatedContext } from "./generation-check-context.js";

const CASES: [string, { given: number; want: { pointer: string; message: string }[] }][] = [
  [
    "200 accepts it",
    {
      given: 200,
      want: [
        {
          pointer: "/query/limit",
          message:
            "a request breaking minimum at /query/limit was accepted with 200 (expected a 4xx); seed 42",
        },
      ],
    },
  ],
  [
    "302 is not a refusal",
    {
      given: 302,
      want: [
        {
          pointer: "/query/limit",
          message:
            "a request breaking minimum at /query/limit was accepted with 302 (expected a 4xx); seed 42",
        },
      ],
    },
  ],
  ["400 refuses it", { given: 400, want: [] }],
  ["422 refuses it", { given: 422, want: [] }],
  ["500 is not_a_server_error's", { given: 500, want: [] }],
];

describe("negative_data_rejection", () => {
  it.each(CASES)("%s", (_name, { given, want }) => {
    const failures = negativeDataRejection.run(generatedContext(given, "negative"));
    expect(failures.map((f) => ({ pointer: f.pointer, message: f.message }))).toEqual(want);
  });

  it("applies to negative generated cases only", () => {
    expect(negativeDataRejection.appliesTo(generatedContext(200, "negative"))).toBe(true);
    expect(negativeDataRejection.appliesTo(generatedContext(200, "positive"))).toBe(false);
  });
});
