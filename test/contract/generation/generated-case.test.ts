import { describe, expect, it } from "vitest";
import { positiveDataAcceptance } from "../../../src/contract/checks/positive-data-acceptance.js";
import { expectedStatusesFor } from "../../../src/contract/generation/generated-case.js";
import { parseApiConfig } from "../../../src/contract/semantics/api-config.js";
import { generatedContext } from "../checks/generation-check-context.js";

describe("expectedStatusesFor", () => {
  it.each([
    ["no config, no path parameters", { given: [undefined, false], want: [401, 403, 429] }],
    ["no config, path parameters", { given: [undefined, true], want: [401, 403, 404, 429] }],
    ["configured, no path parameters", { given: [[409, 401], false], want: [401, 409] }],
    ["configured, path parameters: 404 kept", { given: [[409], true], want: [404, 409] }],
    ["configured with 404 and path parameters", { given: [[404], true], want: [404] }],
    ["configured empty: every 4xx fails", { given: [[], false], want: [] }],
  ] as const)("%s", (_, { given: [configured, hasPath], want }) => {
    expect(expectedStatusesFor(configured, hasPath)).toEqual(want);
  });
});

describe("generation.expectedStatuses of specs/<api>/contract.json", () => {
  const config = parseApiConfig(
    JSON.stringify({
      api: "lab",
      credentials: {},
      baseUrlVariable: "LAB_BASE_URL",
      idsVariable: "LAB_IDS",
      generation: { expectedStatuses: [401, 409] },
    }),
    "specs/lab/contract.json",
    "lab",
  );
  const expected = expectedStatusesFor(config.generation?.expectedStatuses, false);

  it.each([
    ["a configured 409 is accepted", { given: 409, want: 0 }],
    ["a configured 401 is accepted", { given: 401, want: 0 }],
    ["400 still fails", { given: 400, want: 1 }],
    ["429 fails once the config leaves it out", { given: 429, want: 1 }],
    ["a 2xx passes", { given: 200, want: 0 }],
  ])("positive_data_acceptance: %s", (_, { given, want }) => {
    const ctx = generatedContext(given, "positive", { expected });
    expect(positiveDataAcceptance.appliesTo(ctx)).toBe(true);
    const failures = positiveDataAcceptance.run(ctx);
    expect(failures).toHaveLength(want);
    if (want > 0) expect(failures[0]?.message).toContain(`refused with ${given}`);
  });
});
