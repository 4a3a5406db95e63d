/**
 * What the runner needs from a target for one API: where to send, with which credential, how
 * (pacing, Prism `Prefer` headers), and which ids it knows for operations without a list.
 */
import type { Transport } from "../../runtime/client/request-pipeline.js";
import type { ContractCase, TargetName } from "../types.js";

/** Values for a path parameter no list supplies, or why there are none. */
export type KnownValues = { readonly values: readonly string[] } | { readonly reason: string };

/** One API's connection to a target. */
export interface TargetSession {
  readonly api: string;
  readonly target: TargetName;
  /** Base URL requests go to (Prism's loopback URL, the vendor's server, or the sandbox). */
  readonly baseUrl: string;
  /** The credential to send (a fake for Prism). Never printed: see `secrets`. */
  readonly credential: string;
  /** Everything that must be redacted from reports and logs. */
  readonly secrets: readonly string[];
  /** True when the target is Prism (its 422s and `sl-violations` are meaningful). */
  readonly prism: boolean;
  /** Sends requests: pacing and keep-alive live here. */
  readonly transport: Transport;
  /** Whether non-GET/HEAD operations may be called. */
  readonly allowWrites: boolean;
  /** Path values for parameters no list supplies (ids from the environment, or generated ids). */
  knownValues(parameter: string): KnownValues;
  /** Extra request headers for a case (Prism: `Prefer: code=404`). */
  headersFor(contractCase: ContractCase): Readonly<Record<string, string>>;
}
