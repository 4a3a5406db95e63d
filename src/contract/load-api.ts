/**
 * Everything the suite needs about one API, loaded once: the generated operation index and
 * validators, the vendored document, the semantics declaration.
 */
import { apiIds, apiModules } from "../../generated/index.js";
import { discoverSpecs, readSpec } from "../document/discover-specs.js";
import type { OpenApiDocument } from "../document/load-document.js";
import { packageRoot } from "../document/package-root.js";
import { UnknownApiError } from "../errors.js";
import type { ApiIndex } from "../runtime/operation-index.js";
import type { ValidatorModule } from "../runtime/validate/types.js";
import { ContractSetupError } from "./contract-errors.js";
import type { ApiSemantics } from "./semantics/define-semantics.js";
import { loadSemantics } from "./semantics/load-semantics.js";

/** One API, ready to test. */
export interface LoadedApi {
  readonly api: string;
  readonly index: ApiIndex;
  readonly validators: ValidatorModule;
  /** Absolute path of the vendored document (what Prism mocks). */
  readonly specFile: string;
  readonly document: OpenApiDocument;
  readonly semantics: ApiSemantics | undefined;
}

/** Which APIs exist and how to load one: the generated ones by default. */
export interface ApiCatalog {
  readonly ids: readonly string[];
  /** The spec file alone (fast), so that Prism can start while the rest loads. */
  specFile(api: string): Promise<string>;
  load(api: string): Promise<LoadedApi>;
}

/** The catalog of `generated/` with specs under `root` (default: the package root). */
export function generatedCatalog(root: string = packageRoot()): ApiCatalog {
  return {
    ids: apiIds,
    specFile: (api) => findSpecFile(api, root),
    load: (api) => loadApi(api, root),
  };
}

/** Absolute path of `specs/<api>/openapi.*` under `root`. @throws ContractSetupError when missing. */
export async function findSpecFile(api: string, root: string = packageRoot()): Promise<string> {
  const spec = (await discoverSpecs(root)).find((s) => s.api === api);
  if (!spec) {
    throw new ContractSetupError(`${api}: no specs/${api}/openapi.{yaml,json} under ${root}`);
  }
  return spec.file;
}

/** The catalog's ids, all of them when `requested` is empty. @throws UnknownApiError */
export function selectApis(
  requested: readonly string[],
  known: readonly string[] = apiIds,
): string[] {
  for (const api of requested) {
    if (!known.includes(api)) throw new UnknownApiError(api, known);
  }
  return requested.length > 0 ? [...new Set(requested)] : [...known];
}

/** Load one generated API with its spec (from `root`, default the package root) and semantics. */
export async function loadApi(api: string, root: string = packageRoot()): Promise<LoadedApi> {
  const load = apiModules[api as keyof typeof apiModules];
  if (!load) throw new UnknownApiError(api, apiIds);
  const module = await load();
  const spec = (await discoverSpecs(root)).find((s) => s.api === api);
  if (!spec) {
    throw new ContractSetupError(`${api}: no specs/${api}/openapi.{yaml,json} under ${root}`);
  }
  const [document, validators] = await Promise.all([
    readSpec(spec.file, spec.sourceFile),
    module
      .loadValidators()
      // A large API's validators are split into chunks (lazy-validators.ts): the checks run synchronously.
      .then(async (validators) => {
        await validators.loadAll?.();
        return validators;
      })
      .catch((error: Error) => {
        throw new ContractSetupError(`${api}: ${error.message}`);
      }),
  ]);
  const semantics = loadSemantics(api, document, root);
  return { api, index: module.apiIndex, validators, specFile: spec.file, document, semantics };
}
