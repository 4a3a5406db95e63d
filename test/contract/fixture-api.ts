/**
 * Test helper: the shop-orders fixture spec as the contract suite sees an API: prepared document,
 * operation index, and validators compiled in memory with the validators' own dialect (the same
 * schema transform and ajv set-up codegen uses, without writing standalone code).
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildOperationIndex } from "../../src/codegen/build-operation-index.js";
import { listOperations, listResponseBodies } from "../../src/codegen/list-operations.js";
import { prepareDocument } from "../../src/codegen/prepare-document.js";
import { classifyPattern } from "../../src/codegen/validators/classify-pattern.js";
import { compileSchemas } from "../../src/codegen/validators/compile-schemas.js";
import { createValidatorAjv } from "../../src/codegen/validators/create-validator-ajv.js";
import { SchemaRegistry } from "../../src/codegen/validators/schema-registry.js";
import type { ApiCatalog, LoadedApi } from "../../src/contract/load-api.js";
import type { ApiSemantics } from "../../src/contract/semantics/define-semantics.js";
import { loadOpenApiFile, type OpenApiDocument } from "../../src/document/load-document.js";
import type { ApiIndex } from "../../src/runtime/operation-index.js";
import type { CompiledValidator, ValidatorModule } from "../../src/runtime/validate/types.js";

/** Path of the fixture spec. */
export const SHOP_SPEC = join(
  dirname(fileURLToPath(import.meta.url)),
  "../fixtures/contract/shop-orders.yaml",
);

/** A spec as the suite loads it. */
export interface FixtureApi {
  readonly document: OpenApiDocument;
  readonly index: ApiIndex;
  readonly validators: ValidatorModule;
}

function compileInMemory(document: OpenApiDocument, file: string): ValidatorModule {
  const registry = new SchemaRegistry(document, {
    openapi30: String(document.openapi).startsWith("3.0"),
    acceptPattern: (pattern) => classifyPattern(pattern).engine !== "none",
    warn: () => {},
    unknownFormat: () => {},
    unknownKeyword: () => {},
    usesUnevaluated: () => {},
  });
  const roots = new Map<string, string>();
  for (const operation of listOperations(document, file)) {
    for (const body of listResponseBodies(document, operation, file)) {
      if (body.validator !== null) roots.set(body.validator, registry.idFor(body.pointer));
    }
  }
  const { ajv } = compileSchemas(registry.drain(), [...new Set(roots.values())], () =>
    createValidatorAjv({ runtimeImport: "../runtime", unevaluated: false }),
  );
  const validators: Record<string, CompiledValidator> = {};
  for (const [name, id] of roots)
    validators[name] = ajv.getSchema(id) as unknown as CompiledValidator;
  return { validators };
}

/** Load `file` (default: the shop fixture) as API `api`. */
export async function loadFixtureApi(file = SHOP_SPEC, api = "shop-orders"): Promise<FixtureApi> {
  const document = prepareDocument(await loadOpenApiFile(file), file);
  return {
    document,
    index: buildOperationIndex(document, api, file),
    validators: compileInMemory(document, file),
  };
}

/** The shop fixture's document and index. */
export async function loadShop(): Promise<FixtureApi> {
  return loadFixtureApi();
}

/** A catalog of fixture specs (validators compiled in memory), for running the suite on them. */
export function fixtureCatalog(
  entries: readonly { api: string; file: string; semantics?: ApiSemantics }[],
): ApiCatalog {
  return {
    ids: entries.map((e) => e.api),
    specFile: async (api) => entry(api).file,
    async load(api): Promise<LoadedApi> {
      const { file, semantics } = entry(api);
      const loaded = await loadFixtureApi(file, api);
      return { api, specFile: file, semantics, ...loaded };
    },
  };
  function entry(api: string) {
    const found = entries.find((e) => e.api === api);
    if (!found) throw new Error(`no fixture API ${api}`);
    return found;
  }
}
