import { describe, expect, it } from "vitest";
import {
  createOperationSerializers,
  encodeAllowReserved,
  encodeStrict,
  ParameterError,
} from "../../../src/runtime/client/parameter-serializers.js";
import type { ParameterSpec } from "../../../src/runtime/operation-index.js";

const param = (
  name: string,
  where: ParameterSpec["in"],
  style: string,
  explode: boolean,
  allowReserved = false,
): ParameterSpec => ({
  name,
  in: where,
  required: where === "path",
  style,
  explode,
  allowReserved,
  schema: {},
});

describe("encoding", () => {
  it.each([
    ["unreserved characters stay", "AZaz09-._~", "AZaz09-._~"],
    [
      "RFC 3986 reserved characters are encoded",
      ":/?#[]@!$&'()*+,;=",
      "%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D",
    ],
    ["space and percent", "a b%", "a%20b%25"],
    ["non-ASCII as UTF-8", "€é", "%E2%82%AC%C3%A9"],
  ])("encodeStrict: %s", (_name, given, want) => {
    expect(encodeStrict(given)).toBe(want);
    expect(decodeURIComponent(encodeStrict(given))).toBe(given);
  });

  it.each([
    ["reserved characters stay", ":/?#[]@!$&'()*+,;=", ":/?#[]@!$&'()*+,;="],
    ["space, percent and non-ASCII are still encoded", "a b%é", "a%20b%25%C3%A9"],
  ])("encodeAllowReserved: %s", (_name, given, want) => {
    expect(encodeAllowReserved(given)).toBe(want);
  });
});

describe("query styles", () => {
  it.each([
    ["form, explode: primitive", param("q", "query", "form", true), "x y", "q=x%20y"],
    [
      "form, explode: array repeats the key",
      param("q", "query", "form", true),
      ["a", "b"],
      "q=a&q=b",
    ],
    [
      "form, no explode: array joined by a literal comma",
      param("ordering", "query", "form", false),
      ["-invoice_date", "id"],
      "ordering=-invoice_date,id",
    ],
    [
      "form, no explode: commas inside items are encoded",
      param("q", "query", "form", false),
      ["a,b", "c"],
      "q=a%2Cb,c",
    ],
    [
      "form, explode: object becomes its own keys",
      param("q", "query", "form", true),
      { r: 1, g: 2 },
      "r=1&g=2",
    ],
    [
      "form, no explode: object as k,v pairs",
      param("q", "query", "form", false),
      { r: 1, g: 2 },
      "q=r,1,g,2",
    ],
    ["spaceDelimited", param("q", "query", "spaceDelimited", false), ["a", "b"], "q=a%20b"],
    ["pipeDelimited", param("q", "query", "pipeDelimited", false), ["a", "b"], "q=a|b"],
    [
      "deepObject",
      param("f", "query", "deepObject", true),
      { from: "1", to: "2" },
      "f[from]=1&f[to]=2",
    ],
    ["booleans and numbers", param("q", "query", "form", false), [true, 1.5, -2], "q=true,1.5,-2"],
    [
      "allowReserved keeps RQL text literal",
      param("select", "query", "form", true, true),
      "-lines,+audit",
      "select=-lines,+audit",
    ],
    [
      "strings are never split or trimmed",
      param("select", "query", "form", true),
      " -lines,+audit ",
      "select=%20-lines%2C%2Baudit%20",
    ],
    ["empty arrays are left out", param("q", "query", "form", false), [], ""],
    ["null is left out", param("q", "query", "form", true), null, ""],
  ])("%s", (_name, spec, value, want) => {
    const serialize = createOperationSerializers("op", [spec]);
    expect(serialize.query({ [spec.name]: value })).toBe(want);
  });

  it("parameters the index lacks get form/explode defaults", () => {
    const serialize = createOperationSerializers("op", []);
    expect(serialize.query({ extra: ["a", "b"], n: 1 })).toBe("extra=a&extra=b&n=1");
  });

  it("a nested object in a list is a ParameterError naming operation and parameter", () => {
    const serialize = createOperationSerializers("op", [param("q", "query", "form", true)]);
    expect(() => serialize.query({ q: [{ a: 1 }] })).toThrow(ParameterError);
    expect(() => serialize.query({ q: [{ a: 1 }] })).toThrow("op: parameter 'q'");
  });
});

describe("path styles", () => {
  it.each([
    ["simple primitive", param("id", "path", "simple", false), 42, "/x/42"],
    [
      "simple encodes / ? # and space",
      param("id", "path", "simple", false),
      "a/b?c#d e",
      "/x/a%2Fb%3Fc%23d%20e",
    ],
    ["simple array", param("id", "path", "simple", false), ["a", "b"], "/x/a,b"],
    ["simple object", param("id", "path", "simple", false), { k: "v" }, "/x/k,v"],
    ["simple object, explode", param("id", "path", "simple", true), { k: "v", n: 1 }, "/x/k=v,n=1"],
    ["label primitive", param("id", "path", "label", false), "v", "/x/.v"],
    ["label array", param("id", "path", "label", false), ["a", "b"], "/x/.a,b"],
    ["label array, explode", param("id", "path", "label", true), ["a", "b"], "/x/.a.b"],
    ["label object", param("id", "path", "label", false), { k: "v" }, "/x/.k,v"],
    ["matrix primitive", param("id", "path", "matrix", false), "v", "/x/;id=v"],
    ["matrix array", param("id", "path", "matrix", false), ["a", "b"], "/x/;id=a,b"],
    ["matrix array, explode", param("id", "path", "matrix", true), ["a", "b"], "/x/;id=a;id=b"],
    ["matrix object, explode", param("id", "path", "matrix", true), { k: "v" }, "/x/;k=v"],
  ])("%s", (_name, spec, value, want) => {
    const serialize = createOperationSerializers("op", [spec]);
    expect(serialize.path("/x/{id}", { id: value })).toBe(want);
  });

  it("a missing path value is a ParameterError", () => {
    const serialize = createOperationSerializers("op", [param("id", "path", "simple", false)]);
    expect(() => serialize.path("/x/{id}", {})).toThrow("required path parameter");
  });
});

describe("header and cookie styles", () => {
  it.each([
    ["header primitive", param("X-A", "header", "simple", false), "v 1", { "X-A": "v 1" }],
    ["header array", param("X-A", "header", "simple", false), ["a", "b"], { "X-A": "a,b" }],
    [
      "header object, explode",
      param("X-A", "header", "simple", true),
      { k: "v" },
      { "X-A": "k=v" },
    ],
  ])("%s", (_name, spec, value, want) => {
    expect(createOperationSerializers("op", [spec]).header({ [spec.name]: value })).toEqual(want);
  });

  it.each([
    ["cookie primitive", { s: "a b" }, "s=a%20b"],
    ["two cookies", { s: "1", t: "2" }, "s=1; t=2"],
    ["no cookies", {}, undefined],
  ])("%s", (_name, values, want) => {
    const spec = [param("s", "cookie", "form", true), param("t", "cookie", "form", true)];
    expect(createOperationSerializers("op", spec).cookie(values)).toBe(want);
  });
});
