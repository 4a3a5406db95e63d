/** `index.ts` of one API, and `generated/index.ts`, the registry of every API. */
import { clientNames } from "./emit-client.js";

/**
 * Source of `generated/<api>/index.ts`: types, index, response index, factory, options type and
 * `loadValidators`.
 */
export function emitApiEntrySource(api: string): string {
  const { factory, options } = clientNames(api);
  return [
    `export type { components, operations, paths } from "./types.js";`,
    `export { apiIndex } from "./operations.js";`,
    `export { responseIndex } from "./validation.js";`,
    `export { ${factory}, loadValidators, type ${options} } from "./client.js";`,
    "",
  ].join("\n");
}

/**
 * Source of `generated/index.ts`: the API ids and a lazy loader of each API's module, so that a
 * registry (`validateResponse(api, …)`) covers every API in `specs/` without hand edits.
 */
export function emitRegistrySource(apis: readonly string[]): string {
  const ids = [...apis].sort();
  return [
    "/** Ids of the APIs generated from `specs/`. */",
    `export const apiIds = [${ids.map((id) => JSON.stringify(id)).join(", ")}] as const;`,
    "",
    "/** One of {@link apiIds}. */",
    "export type ApiId = (typeof apiIds)[number];",
    "",
    "/** Lazy loaders of each API's generated module (types, `apiIndex`, client factory, `loadValidators`). */",
    "export const apiModules = {",
    ...ids.map((id) => `  ${JSON.stringify(id)}: () => import("./${id}/index.js"),`),
    "} as const;",
    "",
    "/** The generated module of API `Id`. */",
    "export type ApiModule<Id extends ApiId> = Awaited<ReturnType<(typeof apiModules)[Id]>>;",
    "",
    "/**",
    " * Lazy loaders of what response validation needs of each API (`responseIndex`, `loadValidators`),",
    " * without the operation index or the client.",
    " */",
    "export const responseModules = {",
    ...ids.map((id) => `  ${JSON.stringify(id)}: () => import("./${id}/validation.js"),`),
    "} as const;",
    "",
  ].join("\n");
}
