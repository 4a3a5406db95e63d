import { describe, expect, it } from "vitest";
import type { Change } from "../../src/drift/change.js";
import { clientAdvice } from "../../src/drift/client-advice.js";
import { ruleLevels } from "../../src/drift/rule-registry.js";

const change = (id: string, level: Change["level"]): Change => ({
  id,
  level,
  operation: "GET /a",
  location: "/",
  message: "",
});

describe("clientAdvice", () => {
  it.each<[string, Change["level"], string]>([
    [
      "response-property-became-nullable",
      "breaking",
      "Handle null where a value used to be guaranteed.",
    ],
    ["request-parameter-became-required", "breaking", "Always send this parameter."],
    [
      "response-property-enum-value-added",
      "warning",
      "Handle unknown values (a default branch in every switch over it).",
    ],
    [
      "request-property-max-length-decreased",
      "breaking",
      "Send only values within the new limits.",
    ],
    [
      "api-path-removed-without-deprecation",
      "breaking",
      "Stop calling this operation; move to its replacement before you upgrade.",
    ],
    ["response-optional-property-added", "info", "Nothing to change."],
  ])("%s", (id, level, want) => {
    expect(clientAdvice(change(id, level))).toBe(want);
  });

  it("has specific advice for every breaking or warning check", () => {
    const generic = "Review the change against the code that uses this operation.";
    const missing = [...ruleLevels()]
      .filter(([, level]) => level !== "info")
      .filter(([id, level]) => clientAdvice(change(id, level)) === generic)
      .map(([id]) => id);
    expect(missing).toEqual([]);
  });
});
