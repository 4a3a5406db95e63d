import { describe, expect, it } from "vitest";
import { type FillSources, resolveFills } from "../../../src/contract/run/resolve-fills.js";
import type { ContractCase } from "../../../src/contract/types.js";

const retrieve = (item: number): ContractCase => ({
  id: `get id from list item ${item}`,
  operation: "get",
  kind: "retrieve-by-id",
  params: { path: { id: 1 } },
  fills: [{ in: "path", name: "id", fromOperation: "list", field: "/id", item }],
  credentials: true,
});
const byKnownId: ContractCase = {
  id: "get id from known id 0",
  operation: "get",
  kind: "retrieve-by-id",
  params: { path: { id: "x" } },
  fills: [{ in: "path", name: "id", field: "", item: 0 }],
  credentials: true,
};
const filter: ContractCase = {
  id: "list currency from list item 0",
  operation: "list",
  kind: "optional-param",
  params: { query: { currency: "contract-test" } },
  fills: [{ in: "query", name: "currency", fromOperation: "list", field: "/currency", item: 0 }],
  credentials: true,
};

const items = [
  { pointer: "/results/0", value: { id: null, currency: null } },
  { pointer: "/results/1", value: { id: 41, currency: "EUR" } },
  { pointer: "/results/2", value: { id: 42, currency: "USD" } },
];
const sources = (
  target: "mock" | "live",
  known: FillSources["knownValues"] = () => ({ reason: "MPT_INVOICE_IDS is not set" }),
): FillSources => ({
  target,
  lists: new Map([["list", { operation: "list", items }]]),
  knownValues: known,
});

describe("resolveFills", () => {
  it.each([
    [
      "first item with a value (nulls skipped)",
      {
        given: retrieve(0),
        target: "live",
        want: {
          params: { path: { id: 41 } },
          origin: { operation: "list", item: items[1]?.value, pointer: "/results/1" },
        },
      },
    ],
    [
      "second usable item",
      { given: retrieve(1), target: "live", want: { params: { path: { id: 42 } } } },
    ],
    [
      "not enough items, live: skipped",
      {
        given: retrieve(2),
        target: "live",
        want: { skipped: "list listed 2 item(s) with /id; item 2 is needed" },
      },
    ],
    [
      "not enough items, mock: the sample stays",
      { given: retrieve(2), target: "mock", want: { params: { path: { id: 1 } } } },
    ],
    [
      "query filter from the list",
      { given: filter, target: "live", want: { params: { query: { currency: "EUR" } } } },
    ],
    [
      "no known ids, live: skipped with the reason",
      { given: byKnownId, target: "live", want: { skipped: "MPT_INVOICE_IDS is not set" } },
    ],
  ] as const)("%s", (_, { given, target, want }) => {
    expect(resolveFills(given, sources(target))).toMatchObject(want);
  });

  it("uses known ids in order", () => {
    const resolved = resolveFills(
      byKnownId,
      sources("live", () => ({ values: ["INV-9"] })),
    );
    expect(resolved).toEqual({ params: { path: { id: "INV-9" } } });
  });
});
