/** not_a_server_error: a 5xx fails a generated case of either mode; example cases are not its. */
import { describe, expect, it } from "vitest";
import { notAServerError } from "../../../src/contract/checks/not-a-server-error.js";
import type { GenerationMode } from "../../../src/contract/generation/generated-case.js";
import { generatedContext } from "./generation-check-context.js";

const CASES: [
  string,
  { given: { status: number; mode: GenerationMode; generated?: boolean }; want: string[] },
][] = [
  [
    "500 to a valid request",
    {
      given: { status: 500, mode: "positive" },
      want: ["the server answered 500 to a positive request; seed 42"],
    },
  ],
  [
    "503 to an invalid request",
    {
      given: { status: 503, mode: "negative" },
      want: ["the server answered 503 to a negative request; seed 42"],
    },
  ],
  ["400 to an invalid request", { given: { status: 400, mode: "negative" }, want: [] }],
  ["200 to a valid request", { given: { status: 200, mode: "positive" }, want: [] }],
];

describe("not_a_server_error", () => {
  it.each(CASES)("%s", (_name, { given, want }) => {
    const ctx = generatedContext(given.status, given.mode);
    expect(notAServerError.appliesTo(ctx)).toBe(true);
    expect(notAServerError.run(ctx).map((f) => f.message)).toEqual(want);
  });

  it("does not apply to example-based cases", () => {
    expect(notAServerError.appliesTo(generatedContext(500, "positive", { generated: false }))).toBe(
      false,
    );
  });
});
