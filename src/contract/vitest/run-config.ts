/**
 * What the CLI hands the vitest test entry through vitest's `provide`/`inject`: plain data (it
 * crosses into vitest's worker), one entry per API with where to send and how. Credentials travel
 * in memory only, never through a file or the environment of a printed command.
 */
import type { DeriveOptions } from "../cases/derive-cases.js";
import type { LiveSetup } from "../targets/live-credentials.js";
import type { TargetName } from "../types.js";

/** The key the run configuration is provided under. */
export const RUN_CONFIG_KEY = "apiContractsRun";

/** One API of the run, as the worker needs it to make a target session. */
export type ProvidedApi =
  | { readonly api: string; readonly target: "mock"; readonly prismUrl: string }
  | {
      readonly api: string;
      readonly target: "live";
      readonly setup: Exclude<LiveSetup, { skipped: string }>;
    };

/** The whole run's configuration. */
export interface ContractRunConfig {
  readonly target: TargetName;
  readonly apis: readonly ProvidedApi[];
  /** Requests per second per live API; null: unpaced (Infinity does not survive serialisation). */
  readonly rate: number | null;
  readonly allowWrites: boolean;
  readonly timeoutMs: number | undefined;
  readonly maxResponseBytes: number | undefined;
  readonly derive: DeriveOptions;
  /** Watch mode: bumped when a spec or semantics change, so the worker derives the cases afresh. */
  readonly generation?: number;
}

declare module "vitest" {
  export interface ProvidedContext {
    apiContractsRun: ContractRunConfig;
  }
}
