/**
 * Test helper: a CheckContext for one generated case answered with one status (the generation
 * checks read the case's mode and the statuses; nothing else of the API).
 */
import type { CheckContext } from "../../../src/contract/checks/check.js";
import type {
  GeneratedCase,
  GenerationMode,
} from "../../../src/contract/generation/generated-case.js";
import type { ApiIndex, OperationSpec } from "../../../src/runtime/operation-index.js";

const OPERATION: OperationSpec = {
  key: "items_list",
  operationId: "items_list",
  method: "get",
  path: "/items",
  tags: [],
  parameters: [],
  requestBody: null,
  responses: {},
  security: [],
};

/** A generated case of `mode` answered with `status`; `generated: false` for an example case. */
export function generatedContext(
  status: number,
  mode: GenerationMode,
  options: { readonly generated?: boolean; readonly expected?: readonly number[] } = {},
): CheckContext {
  const base = {
    id: `items_list generated-${mode}`,
    operation: OPERATION.key,
    kind: "required-only" as const,
    params: {},
    fills: [],
    credentials: true,
  };
  const contractCase: GeneratedCase | typeof base =
    options.generated === false
      ? base
      : {
          ...base,
          generated: {
            mode,
            request: { path: {}, query: { limit: -1 }, header: {} },
            ...(mode === "negative"
              ? { breaks: { keyword: "minimum", pointer: "/query/limit" } }
              : {}),
            expectedStatuses: options.expected ?? [401, 403, 429],
            seed: 42,
          },
        };
  return {
    api: "lab",
    target: "live",
    prism: false,
    index: {
      api: "lab",
      title: "",
      version: "",
      openapi: "3.1.0",
      servers: [],
      operations: { [OPERATION.key]: OPERATION },
      warnings: [],
    } as ApiIndex,
    validators: { validators: {} },
    operation: OPERATION,
    semantics: undefined,
    run: {
      case: contractCase,
      params: {},
      exchanges: [
        {
          method: "GET",
          url: "http://127.0.0.1/items?limit=-1",
          requestHeaders: {},
          status,
          contentType: undefined,
          responseHeaders: {},
          body: { kind: "none" },
          durationMs: 1,
        },
      ],
    },
  };
}
