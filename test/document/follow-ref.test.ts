import { describe, expect, it } from "vitest";
import { deref, followRef, resolveLocal } from "../../src/document/follow-ref.js";

const document = {
  components: {
    parameters: {
      Limit: { name: "limit", in: "query" },
      Alias: { $ref: "#/components/parameters/Limit" },
      "a/b": { name: "slash", in: "query" },
      Self: { $ref: "#/components/parameters/Self" },
      Dangling: { $ref: "#/components/parameters/Nope" },
      External: { $ref: "common.yaml#/Limit" },
      Anchor: { $ref: "#limit" },
      Text: { $ref: "#/components/text" },
    },
    text: "not an object",
  },
};
const ref = (target: string) => ({ $ref: target });

describe("followRef", () => {
  it.each<[string, { given: unknown; want: unknown }]>([
    [
      "no $ref: the node itself",
      { given: { name: "x" }, want: { node: { name: "x" }, pointer: "/at" } },
    ],
    [
      "a chain of two",
      {
        given: ref("#/components/parameters/Alias"),
        want: { node: { name: "limit", in: "query" }, pointer: "/components/parameters/Limit" },
      },
    ],
    [
      "an escaped token",
      {
        given: ref("#/components/parameters/a~1b"),
        want: { node: { name: "slash", in: "query" }, pointer: "/components/parameters/a~1b" },
      },
    ],
    [
      "a cycle stops at the repeated reference",
      {
        given: ref("#/components/parameters/Self"),
        want: {
          node: { $ref: "#/components/parameters/Self" },
          pointer: "/components/parameters/Self",
          stop: { reason: "circular", ref: "#/components/parameters/Self" },
        },
      },
    ],
    [
      "a dangling reference",
      {
        given: ref("#/components/parameters/Dangling"),
        want: {
          node: { $ref: "#/components/parameters/Nope" },
          pointer: "/components/parameters/Dangling",
          stop: { reason: "dangling", ref: "#/components/parameters/Nope" },
        },
      },
    ],
    [
      "another file",
      {
        given: ref("#/components/parameters/External"),
        want: {
          node: { $ref: "common.yaml#/Limit" },
          pointer: "/components/parameters/External",
          stop: { reason: "external", ref: "common.yaml#/Limit" },
        },
      },
    ],
  ])("%s", (_name, { given, want }) => {
    expect(followRef(document, given, "/at")).toEqual(want);
  });

  it("an anchor is no JSON Pointer outside schemas, and says why", () => {
    expect(followRef(document, ref("#/components/parameters/Anchor")).stop).toMatchObject({
      reason: "not-a-pointer",
      ref: "#limit",
      detail: expect.stringContaining("#limit"),
    });
  });
});

describe("resolveLocal and deref", () => {
  it.each<[string, { given: string; want: unknown }]>([
    [
      "a resolved object",
      { given: "#/components/parameters/Alias", want: { name: "limit", in: "query" } },
    ],
    ["a chain ending at a string", { given: "#/components/parameters/Text", want: undefined }],
    ["a dangling chain", { given: "#/components/parameters/Dangling", want: undefined }],
  ])("resolveLocal: %s", (_name, { given, want }) => {
    expect(resolveLocal(document, ref(given))).toEqual(want);
  });

  it.each<[string, { given: string; want: string }]>([
    [
      "external",
      {
        given: "#/components/parameters/External",
        want: "api.yaml: external $ref 'common.yaml#/Limit' at /at is not supported; bundle",
      },
    ],
    [
      "circular",
      {
        given: "#/components/parameters/Self",
        want: "api.yaml: circular $ref '#/components/parameters/Self' at /at; break the cycle",
      },
    ],
    [
      "dangling",
      {
        given: "#/components/parameters/Dangling",
        want: "api.yaml: unresolvable $ref '#/components/parameters/Nope' at /at",
      },
    ],
    [
      "not an object",
      { given: "#/components/parameters/Text", want: "api.yaml: expected an object at /at" },
    ],
  ])("deref names the ref and where it is used: %s", (_name, { given, want }) => {
    expect(() => deref(document, ref(given), "/at", "api.yaml")).toThrow(want);
  });
});
