/** The engine's status and content-type rules, on a fixture spec compiled by the real emitter. */
import { beforeAll, describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import {
  InvalidStatusError,
  UnknownOperationError,
} from "../../src/runtime/validate/operation-lookup-errors.js";
import type { ResponseInput } from "../../src/runtime/validate/types.js";
import { validateResponseWith } from "../../src/runtime/validate/validate-with-module.js";
import { type CompiledApi, compileSpecFile, fixture } from "./compile-validators.js";

type Want = [pointer: string, keyword: string][];

let api: CompiledApi;
beforeAll(async () => {
  api = await compileSpecFile(fixture("statuses.yaml"), "statuses");
});

function check(input: ResponseInput): Want {
  const result = validateResponseWith(api.index, api.module, input);
  expect(result.valid).toBe(result.errors.length === 0);
  expect(result.omitted).toBe(0);
  return result.errors.map((v) => [v.pointer, v.keyword]);
}

const thing = { id: "t1", name: "Thing" };

describe("validateResponseWith", () => {
  it.each<[string, { input: ResponseInput; want: Want }]>([
    [
      "a documented status and body",
      {
        input: { operation: "getThing", status: 200, contentType: "application/json", body: thing },
        want: [],
      },
    ],
    [
      "media type parameters are ignored",
      {
        input: {
          operation: "getThing",
          status: 200,
          contentType: "application/json; charset=utf-8",
          body: thing,
        },
        want: [],
      },
    ],
    [
      "media types compare case-insensitively",
      {
        input: { operation: "getThing", status: 200, contentType: "Application/JSON", body: thing },
        want: [],
      },
    ],
    [
      "without a content type the first JSON type is assumed",
      {
        input: { operation: "getThing", status: 200, body: { id: 1 } },
        want: [
          ["/name", "required"],
          ["/id", "type"],
        ],
      },
    ],
    [
      "every violation is listed",
      {
        input: { operation: "getThing", status: 200, body: { id: 1, name: 2 } },
        want: [
          ["/id", "type"],
          ["/name", "type"],
        ],
      },
    ],
    [
      "a documented non-JSON type is checked by type only",
      {
        input: { operation: "getThing", status: 200, contentType: "text/csv", body: "a,b" },
        want: [],
      },
    ],
    [
      "an undocumented content type",
      {
        input: { operation: "getThing", status: 200, contentType: "text/html", body: "<p>" },
        want: [["", "contentType"]],
      },
    ],
    [
      "a missing body where one is documented",
      { input: { operation: "getThing", status: 200, body: undefined }, want: [["", "body"]] },
    ],
    [
      "a status documented without a body",
      { input: { operation: "getThing", status: 204, body: undefined }, want: [] },
    ],
    [
      "a body for a status documented without one",
      { input: { operation: "getThing", status: 204, body: {} }, want: [["", "body"]] },
    ],
    [
      "a 2XX range covers 201",
      { input: { operation: "getThing", status: 201, body: { accepted: true } }, want: [] },
    ],
    [
      "the range's schema applies",
      {
        input: { operation: "getThing", status: 201, body: {} },
        want: [["/accepted", "required"]],
      },
    ],
    [
      "the exact code wins over the range",
      {
        input: { operation: "getThing", status: 200, body: { accepted: true } },
        want: [
          ["/id", "required"],
          ["/name", "required"],
        ],
      },
    ],
    [
      "a +json media type",
      {
        input: {
          operation: "getThing",
          status: 404,
          contentType: "application/problem+json",
          body: { status: 404 },
        },
        want: [],
      },
    ],
    [
      "a status given as a string",
      {
        input: { operation: "getThing", status: "404", body: { detail: 1 } },
        want: [
          ["/status", "required"],
          ["/detail", "type"],
        ],
      },
    ],
    [
      "default covers other statuses",
      { input: { operation: "getThing", status: 500, body: { status: 500 } }, want: [] },
    ],
    [
      "default's schema applies",
      { input: { operation: "getThing", status: 503, body: {} }, want: [["/status", "required"]] },
    ],
    [
      "a binary media type is checked by content type only",
      {
        input: {
          operation: "downloadThing",
          status: 200,
          contentType: "application/pdf",
          body: "%PDF-1.7",
        },
        want: [],
      },
    ],
    [
      "a binary response with the wrong content type",
      {
        input: {
          operation: "downloadThing",
          status: 200,
          contentType: "application/json",
          body: {},
        },
        want: [["", "contentType"]],
      },
    ],
    [
      "an undocumented status (no default) is a violation",
      {
        input: { operation: "downloadThing", status: 418, body: { any: 1 } },
        want: [["", "status"]],
      },
    ],
    [
      "a documented status without a body",
      { input: { operation: "downloadThing", status: 502, body: undefined }, want: [] },
    ],
    [
      "an operation without operationId, by METHOD /path",
      {
        input: {
          operation: "GET /wild",
          status: 200,
          contentType: "application/vnd.api+json",
          body: { range: "x" },
        },
        want: [],
      },
    ],
    // Validators exist for JSON media types only (isJsonMediaType): a documented range is content-type-checked.
    [
      "a type/* range is checked by content type only",
      {
        input: { operation: "GET /wild", status: 200, contentType: "application/xml", body: {} },
        want: [],
      },
    ],
    [
      "*/* covers any other type",
      {
        input: { operation: "GET /wild", status: 200, contentType: "text/plain", body: 5 },
        want: [],
      },
    ],
    [
      "an operationId-less route with a lowercase method",
      {
        input: { operation: "get /wild", status: 200, contentType: "text/plain", body: "x" },
        want: [],
      },
    ],
    [
      "an operation with an operationId, by METHOD /path",
      { input: { operation: "GET /things/{id}", status: 200, body: thing }, want: [] },
    ],
  ])("%s", (_name, { input, want }) => {
    expect(check(input)).toEqual(want);
  });

  it("names the status and the documented ones in an undocumented-status violation", () => {
    const result = validateResponseWith(api.index, api.module, {
      operation: "downloadThing",
      status: 418,
      body: {},
    });
    expect(result.errors[0]?.message).toBe(
      "status 418 is not documented for downloadThing (documented: 200, 502)",
    );
    expect(result.errors[0]?.value).toBe(418);
  });

  it("names the documented content types in a content-type violation", () => {
    const result = validateResponseWith(api.index, api.module, {
      operation: "getThing",
      status: 200,
      contentType: "text/html",
      body: "",
    });
    expect(result.errors[0]?.message).toContain("(documented: application/json, text/csv)");
  });

  it.each([
    [
      "an unknown operationId",
      {
        operation: "getThings",
        status: 200,
        error: UnknownOperationError,
        says: "unknown operation 'getThings' for API 'statuses'",
      },
    ],
    [
      "an unknown route",
      {
        operation: "POST /things/{id}",
        status: 200,
        error: UnknownOperationError,
        says: "known: getThing, downloadThing, GET /wild",
      },
    ],
    [
      "a status that is not a number",
      {
        operation: "getThing",
        status: "abc",
        error: InvalidStatusError,
        says: "status 'abc' is not an HTTP status code",
      },
    ],
    [
      "a status below 100",
      { operation: "getThing", status: 99, error: InvalidStatusError, says: "status '99'" },
    ],
    [
      "a status above 599",
      { operation: "getThing", status: 600, error: InvalidStatusError, says: "status '600'" },
    ],
    [
      "a fractional status",
      { operation: "getThing", status: 200.5, error: InvalidStatusError, says: "status '200.5'" },
    ],
    [
      "a range instead of a status",
      { operation: "getThing", status: "2XX", error: InvalidStatusError, says: "status '2XX'" },
    ],
  ])("throws a usage error (exit 2) for %s", (_name, { operation, status, error, says }) => {
    const run = () => validateResponseWith(api.index, api.module, { operation, status, body: {} });
    expect(run).toThrow(error);
    expect(run).toThrow(says);
    try {
      run();
    } catch (thrown) {
      expect(thrown).toBeInstanceOf(UsageError);
      expect((thrown as UsageError).exitCode).toBe(2);
    }
  });
});
