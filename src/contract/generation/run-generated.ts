/**
 * The generated phase of one API's contract run: saved failures replayed first (failure
 * database: those failing again are kept and reported, those passing are dropped with a line
 * saying so), then every operation explored in positive and negative mode (explore-operation.ts),
 * one operation at a time so that one seed gives the same requests in the same order. Requests go
 * through the target session (pacing, retries, redaction, fail-fast), writes only where the
 * session allows them, and every response through the registry's checks (send-generated.ts).
 * New failures join the database, and every failure kept is written as a reproducer.
 */

import { CannotGenerate } from "../../generate/cannot-generate.js";
import type { OperationSpec } from "../../runtime/operation-index.js";
import type { CaseResult } from "../run/case-executor.js";
import { startDeleteMemoryProxy } from "../targets/delete-memory-proxy.js";
import { exploreOperation } from "./explore-operation.js";
import { readFailures, writeFailures } from "./failure-database.js";
import type { GenerationMode } from "./generated-case.js";
import { CoverageCounter, type KeywordCoverage } from "./keyword-coverage.js";
import { replaySavedFailure } from "./replay-saved-failure.js";
import { buildOperationGenerators, type CompileRequestSchemas } from "./request-generator.js";
import { type SavedFailure, toSavedFailure } from "./saved-failure.js";
import { type GenerationInput, generatedSender } from "./send-generated.js";
import { inferChains, runChains } from "./stateful-sequences.js";
import { type ReproducerModules, writeReproducers } from "./write-reproducer.js";

export type { GenerationInput } from "./send-generated.js";

/** Options of the generated phase. */
export interface GenerationOptions {
  /** Requests drawn per operation and mode (default 50). */
  readonly maxExamples?: number;
  /** The run's seed (default: random, printed). */
  readonly seed?: number;
  /** Modes to run (default both). */
  readonly modes?: readonly GenerationMode[];
  /** 4xx statuses a valid request may get instead of 401, 403, 429 (404 stays with path parameters). */
  readonly expectedStatuses?: readonly number[];
  /** Compiles our validators for the request schemas (the CLI hands in codegen's). */
  readonly compile: CompileRequestSchemas;
  /** Folder of the failure database (tried first, then updated); none: no database. */
  readonly failureDir?: string;
  /** Folder reproducers are written to (`<dir>/<api>/…`); none: not written. */
  readonly reproducerDir?: string;
  /** Modules the reproducers import (default: this package's own). */
  readonly reproducerModules?: ReproducerModules;
  /** Live: the variable the credential is read from (recorded instead of the credential). */
  readonly credentialVariable?: string;
}

/** One operation's part of the phase. */
export interface OperationGeneration {
  readonly operation: string;
  /** Why the operation was not generated for (no schema, a write on a live target, …). */
  readonly skipped?: string;
  readonly sent: { readonly positive: number; readonly negative: number };
  /** Valid-mode values our validator rejected: generator bugs, reported, never sent. */
  readonly generatorBugs: number;
}

/** What the generated phase of one API produced. */
export interface GenerationResult {
  readonly api: string;
  readonly seed: number;
  readonly maxExamples: number;
  /** Shrunk failures, one per operation, mode and check, as contract case results. */
  readonly cases: readonly CaseResult[];
  readonly operations: readonly OperationGeneration[];
  readonly coverage: readonly KeywordCoverage[];
  /** Failures kept in the database after this run (saved ones failing again, and new ones). */
  readonly saved: readonly SavedFailure[];
  /** Reproducer files written. */
  readonly reproducers: readonly string[];
  /** Lines for the summary: saved failures dropped because they pass now, sequences not run. */
  readonly notes: readonly string[];
  /** Every step of the stateful sequences (stateful-sequences.ts), passing or not. */
  readonly sequences: readonly CaseResult[];
}

/** A random seed for a run without one (printed, so the run can be repeated). */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0x7fffffff);
}

function isSafe(operation: OperationSpec): boolean {
  return operation.method === "get" || operation.method === "head";
}

/** Transport failures in a row after which the phase stops (as the example cases' fail-fast). */
const FAIL_FAST_AFTER = 3;

/** Run the generated phase of one API (see the module comment). */
export async function runGenerated(
  input: GenerationInput,
  options: GenerationOptions,
): Promise<GenerationResult> {
  const seed = options.seed ?? randomSeed();
  const maxExamples = options.maxExamples ?? 50;
  const modes = options.modes ?? ["positive", "negative"];
  const generators = buildOperationGenerators(input.document, input.index, options.compile);
  const bodyTypes = new Map(
    [...generators.values()].map((g) => [g.operation, "bodyType" in g ? g.bodyType : undefined]),
  );
  const send = generatedSender(input, seed, options.expectedStatuses, bodyTypes);
  const coverage = new CoverageCounter();
  const cases: CaseResult[] = [];
  const notes: string[] = [];
  const kept: SavedFailure[] = [];
  const saved = options.failureDir ? await readFailures(options.failureDir, input.index.api) : [];
  for (const failure of saved) {
    const replayed = await replaySavedFailure(failure, input, input.session, input);
    if (replayed.failing) {
      kept.push(failure);
      cases.push(replayed.result);
    } else {
      notes.push(
        `dropped saved failure ${failure.operation} ${failure.check} (${failure.mode}, seed ${failure.seed}): it passes now`,
      );
    }
  }
  const operations: OperationGeneration[] = [];
  let inARow = 0;
  const stopped = () => inARow >= FAIL_FAST_AFTER || input.signal?.aborted === true;
  for (const operation of Object.values(input.index.operations)) {
    const generator = generators.get(operation.key);
    const none = { positive: 0, negative: 0 };
    if (generator === undefined || "skipped" in generator) {
      const skipped = generator?.skipped ?? "no request schema";
      operations.push({ operation: operation.key, skipped, sent: none, generatorBugs: 0 });
      continue;
    }
    if (!isSafe(operation) && input.session.target === "live" && !input.session.allowWrites) {
      operations.push({
        operation: operation.key,
        skipped: `${operation.method.toUpperCase()} is a write; live runs send GET and HEAD only unless --allow-writes`,
        sent: none,
        generatorBugs: 0,
      });
      continue;
    }
    coverage.declare(operation.key, input.document, operation);
    const sent = { positive: 0, negative: 0 };
    const skipped: string[] = [];
    // One failure per operation and check: a check failing in one mode is not sought in the next.
    const foundChecks = new Set(
      kept.filter((f) => f.operation === operation.key).map((f) => f.check),
    );
    let generatorBugs = 0;
    for (const mode of modes) {
      let exploration: Awaited<ReturnType<typeof exploreOperation>>;
      try {
        exploration = await exploreOperation(generator, mode, {
          seed,
          exclude: [...foundChecks],
          maxExamples,
          stopped,
          send: async (drawn, m) => {
            const result = await send(operation, drawn, m);
            coverage.record(operation.key, drawn, m);
            const transportFailed =
              result.run.error !== undefined && result.run.exchanges.length === 0;
            inARow = transportFailed ? inARow + 1 : 0;
            return result;
          },
        });
      } catch (error) {
        // A branch found impossible only when drawn (anyOf/oneOf combinations): that mode is skipped.
        if (!(error instanceof CannotGenerate)) throw error;
        skipped.push(`${mode}: ${error.keyword}: ${error.reason}`);
        continue;
      }
      sent[mode] = exploration.sent;
      generatorBugs += exploration.generatorBugs.length;
      for (const found of exploration.found) {
        cases.push(found.result);
        foundChecks.add(found.check);
        const failure = toSavedFailure(found, input.session, options.credentialVariable);
        if (failure) kept.push(failure);
      }
    }
    operations.push({
      operation: operation.key,
      sent,
      generatorBugs,
      ...(skipped.length > 0 ? { skipped: `cannot generate ${skipped.join("; ")}` } : {}),
    });
  }
  const chains = inferChains(input.index, input.document);
  let sequences: CaseResult[] = [];
  const stateless = input.session.prism;
  if (chains.length > 0 && !input.session.allowWrites && input.session.target === "live") {
    notes.push("stateful sequences not run: they create and delete resources; pass --allow-writes");
  } else if (chains.length > 0 && !stopped()) {
    // Prism forgets nothing because it stores nothing: in front of it, a proxy that remembers deletes.
    const proxy = stateless ? await startDeleteMemoryProxy(input.session.baseUrl) : undefined;
    try {
      const chainSend = proxy
        ? generatedSender(
            { ...input, session: { ...input.session, baseUrl: proxy.baseUrl } },
            seed,
            options.expectedStatuses,
            bodyTypes,
          )
        : send;
      sequences = await runChains(chains, generators, {
        seed,
        stateless,
        deletesRemembered: proxy !== undefined,
        note: (line) => notes.push(line),
        send: (operation, drawn, mode, step) => chainSend(operation, drawn, mode, step),
      });
    } finally {
      await proxy?.close();
    }
    if (proxy)
      notes.push(
        `stateful sequences against Prism: create → retrieve → delete → retrieve through a proxy that remembers deletes (Prism is stateless: after a 2xx DELETE the proxy asks it for the document's own 404 of that path); ${proxy.deleted.size} path(s) deleted`,
      );
  }
  if (options.failureDir) await writeFailures(options.failureDir, input.index.api, kept);
  const reproducers = options.reproducerDir
    ? await writeReproducers(options.reproducerDir, kept, options.reproducerModules)
    : [];
  return {
    api: input.index.api,
    seed,
    maxExamples,
    cases,
    operations,
    coverage: coverage.table(),
    saved: kept,
    reproducers,
    notes,
    sequences,
  };
}
