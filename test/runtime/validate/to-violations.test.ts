import { describe, expect, it } from "vitest";
import { toViolations } from "../../../src/runtime/validate/to-violations.js";
import type { AjvLikeError } from "../../../src/runtime/validate/types.js";

const body = { "a/b": { "c~d": [1, "two"] }, list: [{ x: 1 }] };

describe("toViolations", () => {
  it.each<[string, { error: AjvLikeError; want: object }]>([
    [
      "required: the pointer it should have had",
      {
        error: {
          instancePath: "/list/0",
          keyword: "required",
          params: { missingProperty: "payer_id" },
        },
        want: {
          pointer: "/list/0/payer_id",
          keyword: "required",
          message: "missing required property 'payer_id'",
        },
      },
    ],
    [
      "additionalProperties: the key's own pointer and value",
      {
        error: {
          instancePath: "",
          keyword: "additionalProperties",
          params: { additionalProperty: "a/b" },
        },
        want: {
          pointer: "/a~1b",
          keyword: "additionalProperties",
          message: "unexpected property 'a/b' (the schema allows no other properties)",
          value: { "c~d": [1, "two"] },
        },
      },
    ],
    [
      "type with null",
      {
        error: {
          instancePath: "/a~1b/c~0d/1",
          keyword: "type",
          params: { type: ["integer", "null"] },
        },
        want: {
          pointer: "/a~1b/c~0d/1",
          keyword: "type",
          message: "must be integer or null",
          value: "two",
        },
      },
    ],
    [
      "enum lists the values",
      {
        error: {
          instancePath: "/list/0/x",
          keyword: "enum",
          params: { allowedValues: ["a", "b"] },
        },
        want: {
          pointer: "/list/0/x",
          keyword: "enum",
          message: 'must be one of "a", "b"',
          value: 1,
        },
      },
    ],
    [
      "minimum with its comparison",
      {
        error: {
          instancePath: "/list/0/x",
          keyword: "minimum",
          params: { comparison: ">=", limit: 2 },
        },
        want: { pointer: "/list/0/x", keyword: "minimum", message: "must be >= 2", value: 1 },
      },
    ],
    [
      "a keyword without a table entry keeps ajv's message",
      {
        error: { instancePath: "", keyword: "custom", params: {}, message: "custom says no" },
        want: { pointer: "", keyword: "custom", message: "custom says no", value: body },
      },
    ],
  ])("%s", (_name, { error, want }) => {
    expect(toViolations([error], body)).toEqual([want]);
  });
});
