import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

/** Every class the package exports that is an Error. */
const errorClasses: [string, { readonly prototype: Error }][] = Object.entries(
  api as Record<string, unknown>,
).flatMap(([name, value]) =>
  typeof value === "function" && value.prototype instanceof Error
    ? [[name, value as { readonly prototype: Error }]]
    : [],
);

describe("the package's errors", () => {
  it("exports the errors callers catch, ParameterError among them", () => {
    expect(errorClasses.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        "ApiContractsError",
        "ContractViolationError",
        "ParameterError",
        "MoneyFormatError",
        "RequestError",
        "NetworkError",
        "RecordingReadError",
      ]),
    );
  });

  it.each(errorClasses.filter(([name]) => name !== "ApiContractsError"))(
    "%s extends the one root, ApiContractsError",
    (_name, type) => {
      expect(type.prototype).toBeInstanceOf(api.ApiContractsError);
    },
  );

  it.each<[string, { given: api.ApiContractsError; want: { name: string; exitCode: 1 | 2 } }]>([
    [
      "a contract violation is exit 1",
      {
        given: new api.ContractViolationError("a", "op", 200, []),
        want: { name: "ContractViolationError", exitCode: 1 },
      },
    ],
    [
      "a request that failed is exit 1",
      {
        given: new api.RequestTimeoutError("a", "op", "GET", "http://x/", 5),
        want: { name: "RequestTimeoutError", exitCode: 1 },
      },
    ],
    [
      "a malformed amount is exit 1",
      {
        given: new api.MoneyFormatError("bad", "1e3"),
        want: { name: "MoneyFormatError", exitCode: 1 },
      },
    ],
    [
      "a value its parameter cannot carry is exit 2",
      {
        given: new api.ParameterError("op", "id", "is required"),
        want: { name: "ParameterError", exitCode: 2 },
      },
    ],
    [
      "client options that cannot work is exit 2",
      {
        given: new api.ClientOptionsError("a", "no key"),
        want: { name: "ClientOptionsError", exitCode: 2 },
      },
    ],
  ])("%s", (_name, { given, want }) => {
    expect({ name: given.name, exitCode: given.exitCode }).toEqual(want);
  });

  it("keeps the request's place on every request error", () => {
    const error = new api.RedirectNotFollowedError(
      "a",
      "op",
      "GET",
      "http://x/",
      302,
      "http://y/",
      "cross-origin",
    );
    expect(error).toBeInstanceOf(api.RequestError);
    expect(error).toMatchObject({ api: "a", operation: "op", method: "GET", url: "http://x/" });
  });
});
