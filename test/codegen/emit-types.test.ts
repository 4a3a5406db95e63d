import { describe, expect, it } from "vitest";
import { generateTypesSource } from "../../src/codegen/emit-types.js";

const withProperty = (property: Record<string, unknown>, required: string[] = []) => ({
  openapi: "3.0.3",
  info: { title: "t", version: "1" },
  paths: {},
  components: {
    schemas: { Thing: { type: "object", required, properties: { p: property } } },
  },
});

describe("generateTypesSource agrees with the validator on optionality", () => {
  it.each([
    [
      "a property with a default stays optional",
      { given: withProperty({ type: "string", default: "x" }), want: "p?: string;" },
    ],
    [
      "a required property is required",
      { given: withProperty({ type: "string" }, ["p"]), want: "p: string;" },
    ],
    [
      "an optional property is optional",
      { given: withProperty({ type: "integer" }), want: "p?: number;" },
    ],
  ])("%s", async (_name, { given, want }) => {
    const source = await generateTypesSource(given, "thing.json");
    expect(source).toContain(want);
  });
});
