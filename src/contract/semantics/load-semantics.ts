/**
 * Finding an API's semantics declaration at run time: `contract-tests/<api>.semantics.ts` in the
 * checkout (vitest, tsx), compiled to `dist/contract-tests/<api>.semantics.js` by the build.
 */
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ContractSetupError } from "../contract-errors.js";
import type { ApiSemantics } from "./define-semantics.js";

/** Where declarations live relative to this module (src/contract/semantics or dist/src/contract/semantics). */
const DIRECTORY = new URL("../../../contract-tests/", import.meta.url);

/** The file that declares `api`'s semantics, or undefined when there is none. */
export function semanticsFile(api: string, directory: URL = DIRECTORY): string | undefined {
  for (const extension of [".js", ".ts"]) {
    const file = fileURLToPath(new URL(`${api}.semantics${extension}`, directory));
    if (existsSync(file)) return file;
  }
  return undefined;
}

/**
 * The semantics of `api` (the file's default export), or undefined when it declares none.
 * @throws ContractSetupError when the file exists but does not load or declares another API.
 */
export async function loadSemantics(
  api: string,
  directory: URL = DIRECTORY,
): Promise<ApiSemantics | undefined> {
  const file = semanticsFile(api, directory);
  if (file === undefined) return undefined;
  let loaded: { default?: ApiSemantics };
  try {
    loaded = (await import(pathToFileURL(file).href)) as { default?: ApiSemantics };
  } catch (error) {
    throw new ContractSetupError(
      `${file}: cannot load the semantics declaration: ${(error as Error).message}`,
    );
  }
  const semantics = loaded.default;
  if (!semantics || semantics.api !== api) {
    throw new ContractSetupError(
      `${file}: the default export must be defineSemantics({ api: "${api}", ... })`,
    );
  }
  return semantics;
}
