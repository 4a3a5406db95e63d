/**
 * inferChains: a POST on a collection with GET (and DELETE) on its item path is one chain.
 * runChains: create → retrieve → delete → retrieve, and against a stateless target no last step.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { OperationGenerator } from "../../../src/contract/generation/request-generator.js";
import {
  inferChains,
  runChains,
  type SendStep,
} from "../../../src/contract/generation/stateful-sequences.js";
import type { CaseResult } from "../../../src/contract/run/case-executor.js";
import type { ApiIndex, OperationSpec } from "../../../src/runtime/operation-index.js";

const op = (method: OperationSpec["method"], path: string): OperationSpec => ({
  key: `${method} ${path}`,
  operationId: null,
  method,
  path,
  tags: [],
  parameters: [],
  requestBody: null,
  responses: {},
  security: [],
});

const index = (operations: OperationSpec[]): ApiIndex => ({
  api: "t",
  title: "t",
  version: "1",
  openapi: "3.1.0",
  servers: [],
  operations: Object.fromEntries(operations.map((o) => [o.key, o])),
  warnings: [],
});

const CASES: [
  string,
  { given: OperationSpec[]; want: [string, string, string | undefined, string][] },
][] = [
  [
    "create, retrieve and delete",
    {
      given: [op("post", "/notes"), op("get", "/notes/{id}"), op("delete", "/notes/{id}")],
      want: [["post /notes", "get /notes/{id}", "delete /notes/{id}", "id"]],
    },
  ],
  [
    "create and retrieve, no delete",
    {
      given: [op("post", "/a/things"), op("get", "/a/things/{thing_id}")],
      want: [["post /a/things", "get /a/things/{thing_id}", undefined, "thing_id"]],
    },
  ],
  ["a POST with no item path", { given: [op("post", "/notes"), op("get", "/notes")], want: [] }],
  [
    "an item path one level deeper is not the created resource",
    { given: [op("post", "/notes"), op("get", "/notes/{id}/history/{v}")], want: [] },
  ],
];

describe("inferChains", () => {
  it.each(CASES)("%s", (_name, { given, want }) => {
    expect(
      inferChains(index(given)).map((c) => [
        c.create.key,
        c.retrieve.key,
        c.remove?.key,
        c.idParameter,
      ]),
    ).toEqual(want);
  });
});

describe("inferChains with links", () => {
  it("follows a link to a GET the paths alone would not pair", () => {
    const create = op("post", "/notes");
    const retrieve = {
      ...op("get", "/note-by-id/{noteId}"),
      operationId: "getNote",
      parameters: [
        {
          name: "noteId",
          in: "path" as const,
          required: true,
          style: "simple",
          explode: false,
          allowReserved: false,
          schema: { type: "string" },
        },
      ],
    };
    const document = {
      paths: {
        "/notes": {
          post: {
            responses: {
              "201": {
                links: {
                  read: { operationId: "getNote", parameters: { noteId: "$response.body#/id" } },
                },
              },
            },
          },
        },
      },
    };
    expect(
      inferChains(index([create, retrieve]), document).map((c) => [
        c.retrieve.key,
        c.idParameter,
        c.idExpression,
      ]),
    ).toEqual([["get /note-by-id/{noteId}", "noteId", "$response.body#/id"]]);
    expect(inferChains(index([create, retrieve]))).toEqual([]);
  });
});

describe("runChains", () => {
  const create = op("post", "/notes");
  const retrieve = op("get", "/notes/{id}");
  const remove = op("delete", "/notes/{id}");
  const chain = { create, retrieve, remove, idParameter: "id" };
  const generators = new Map<string, OperationGenerator>([
    [
      create.key,
      {
        operation: create.key,
        bodyType: "application/json",
        positive: fc.constant({ path: {}, query: {}, header: {}, body: { text: "hi" } }),
        negative: fc.constant(undefined),
        validate: () => true,
      },
    ],
    [
      retrieve.key,
      {
        operation: retrieve.key,
        bodyType: undefined,
        positive: fc.constant({ path: { id: "n1" }, query: {}, header: {} }),
        negative: fc.constant(undefined),
        // The retrieve's id parameter is `^n[0-9]+$`.
        validate: (request) =>
          /^n[0-9]+$/.test(String((request as { path: { id?: unknown } }).path.id)),
      },
    ],
  ]);

  /** A notes target in memory: `forgets` false keeps deleted notes (a use-after-free defect). */
  function target(forgets: boolean, createdId = "n1") {
    const notes = new Set<string>();
    const seen: string[] = [];
    const send: SendStep = async (operation, drawn, _mode, step) => {
      const id = String(drawn.request.path.id ?? "");
      seen.push(`${step} ${operation.method.toUpperCase()} ${id}`);
      let status = 200;
      let value: unknown = { id };
      if (operation.method === "post") {
        notes.add(createdId);
        status = 201;
        value = { id: createdId };
      } else if (operation.method === "delete") {
        if (forgets) notes.delete(id);
        status = 204;
      } else if (!notes.has(id)) status = 404;
      return {
        run: {
          case: {
            id: `${operation.key} stateful ${step}`,
            operation: operation.key,
            kind: "generated",
            params: {},
            fills: [],
            credentials: true,
          },
          params: {},
          exchanges: [
            {
              method: operation.method.toUpperCase(),
              url: `http://127.0.0.1${operation.path}`,
              requestHeaders: {},
              status,
              contentType: "application/json",
              responseHeaders: {},
              body: { kind: "json", value },
              durationMs: 1,
            },
          ],
        },
        applied: [],
        failures: [],
      } as CaseResult;
    };
    return { send, seen };
  }

  type Row = [
    string,
    {
      given: { forgets: boolean; stateless: boolean; createdId?: string };
      want: { steps: string[]; failed: string[]; note?: RegExp };
    },
  ];
  it.each<Row>([
    [
      "a stateful target that forgets a deleted note: all four steps pass",
      {
        given: { forgets: true, stateless: false },
        want: {
          steps: [
            "create POST ",
            "retrieve after create GET n1",
            "delete DELETE n1",
            "retrieve after delete GET n1",
          ],
          failed: [],
        },
      },
    ],
    [
      "a stateful target that keeps a deleted note: use_after_free",
      {
        given: { forgets: false, stateless: false },
        want: {
          steps: [
            "create POST ",
            "retrieve after create GET n1",
            "delete DELETE n1",
            "retrieve after delete GET n1",
          ],
          failed: ["use_after_free"],
        },
      },
    ],
    [
      "a stateless target (Prism): the id threaded, no retrieve after delete, nothing passed on its word",
      {
        given: { forgets: false, stateless: true },
        want: {
          steps: ["create POST ", "retrieve after create GET n1", "delete DELETE n1"],
          failed: [],
        },
      },
    ],
    [
      "a stateless target whose made-up id the retrieve refuses: stops with a note",
      {
        given: { forgets: false, stateless: true, createdId: "string" },
        want: {
          steps: ["create POST "],
          failed: [],
          note: /created id 'string' is not a valid id/,
        },
      },
    ],
    [
      "a stateful target whose id the retrieve refuses: sent, and the refusal is its finding",
      {
        given: { forgets: true, stateless: false, createdId: "string" },
        want: {
          steps: [
            "create POST ",
            "retrieve after create GET string",
            "delete DELETE string",
            "retrieve after delete GET string",
          ],
          failed: [],
        },
      },
    ],
  ])("%s", async (_name, { given, want }) => {
    const { send, seen } = target(given.forgets, given.createdId);
    const notes: string[] = [];
    const results = await runChains([chain], generators, {
      seed: 1,
      send,
      stateless: given.stateless,
      note: (line) => notes.push(line),
    });
    expect(seen).toEqual(want.steps);
    expect(results).toHaveLength(want.steps.length);
    expect(results.flatMap((r) => r.failures.map((f) => f.check))).toEqual(want.failed);
    if (want.note) expect(notes).toEqual([expect.stringMatching(want.note)]);
    else expect(notes).toEqual([]);
  });
});
