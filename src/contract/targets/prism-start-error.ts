import { createRequire } from "node:module";
import { ApiContractsError } from "../../errors.js";

/**
 * Prism could not start on a spec (missing or unparsable file, no operations, a timeout): a setup
 * error, exit 2. The message names the spec file and quotes Prism's own reason.
 */
export class PrismStartError extends ApiContractsError {
  readonly exitCode = 2 as const;
  override readonly name = "PrismStartError";
  constructor(
    readonly specFile: string,
    readonly reason: string,
    /** The API being mocked, when known. */
    readonly api?: string,
  ) {
    super(
      api === undefined
        ? `Prism failed to start on ${specFile}: ${reason}`
        : `the mock for ${api} failed to start (Prism on ${specFile}): ${reason}`,
    );
  }
}

/** The package `prism mock` comes from; a dev dependency, so an installed api-contracts lacks it. */
export const PRISM_PACKAGE = "@stoplight/prism-cli";

/**
 * Prism is not installed (api-contracts installed without its dev dependencies): `test --target
 * mock` cannot run. Exit 2, saying how to install it.
 */
export class PrismNotInstalledError extends ApiContractsError {
  readonly exitCode = 2 as const;
  override readonly name = "PrismNotInstalledError";
  constructor(
    /** The package that could not be resolved. */
    readonly packageName: string,
  ) {
    super(
      `the mock target needs Prism, and ${packageName} is not installed; run 'npm install --save-dev ${PRISM_PACKAGE}@5' in your project, or use --target live`,
    );
  }
}

/**
 * Path of `packageName`'s package.json, resolved from `from` (an import.meta.url).
 * @throws PrismNotInstalledError when it cannot be found.
 */
export function resolvePrismPackage(from: string, packageName: string = PRISM_PACKAGE): string {
  try {
    return createRequire(from).resolve(`${packageName}/package.json`);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "MODULE_NOT_FOUND" || code === "ERR_MODULE_NOT_FOUND")
      throw new PrismNotInstalledError(packageName);
    throw error;
  }
}
