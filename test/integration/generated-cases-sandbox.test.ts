/**
 * Done-when of issue 18: against the sandbox's lab API (a real loopback server) with defects seeded
 * for this test only, the example-based cases find none of them; the generated cases find each,
 * shrunk, and written as reproducers that fail; with the defects removed, the reproducers pass and
 * the next run drops the saved failures from the database, saying so.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startVitest, type Vitest } from "vitest/node";
import { REPRODUCER_BASE_URL_VARIABLE } from "../../src/contract/generation/replay-saved-failure.js";
import type { CompileRequestSchemas } from "../../src/contract/generation/request-generator.js";
import {
  type GenerationResult,
  runGenerated,
} from "../../src/contract/generation/run-generated.js";
import { defaultReproducerModules } from "../../src/contract/generation/write-reproducer.js";
import { runApi } from "../../src/contract/run/run-api.js";
import type { TargetSession } from "../../src/contract/targets/target-session.js";
import type { OpenApiDocument } from "../../src/document/load-document.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/sandbox-server.js";
import type { SeededDefects } from "../../src/sandbox/seeded-defects.js";
import { type FixtureApi, loadFixtureApi } from "../contract/fixture-api.js";
import { LAB_SPEC } from "../contract/generation/lab-loader.js";
import { compileOurs } from "../generate/validators-for.js";

const LAB = LAB_SPEC;
const LOADER = join(import.meta.dirname, "../contract/generation/lab-loader.ts");
const KEY_VARIABLE = "DEFECT_LAB_KEY";
const SEED = 18;

const compile: CompileRequestSchemas = (document, pointers) =>
  compileOurs(document as OpenApiDocument, pointers);

function session(baseUrl: string): TargetSession {
  return {
    api: "defect-lab",
    target: "live",
    baseUrl,
    credential: "lab-credential",
    secrets: ["lab-credential"],
    prism: false,
    transport: (request) => fetch(request),
    allowWrites: false,
    knownValues: () => ({ reason: "the lab has no known ids" }),
    headersFor: () => ({}),
  };
}

/** The defective server's defects; the reproducer test switches them off in place. */
const DEFECTS: { -readonly [K in keyof SeededDefects]: SeededDefects[K] } = {
  negativeLimitAccepted: true,
  longNameServerError: true,
  rareEnumValue: true,
};

let lab: FixtureApi;
let defective: Sandbox;
let fixed: Sandbox;
let generated: GenerationResult;
let dir: string;

const storage = () => ({
  failureDir: join(dir, "failures"),
  reproducerDir: join(dir, "reproducers"),
  reproducerModules: { ...defaultReproducerModules(), loader: LOADER },
  credentialVariable: KEY_VARIABLE,
});

beforeAll(async () => {
  lab = await loadFixtureApi(LAB, "defect-lab");
  process.env[KEY_VARIABLE] = "lab-credential";
  dir = await mkdtemp(join(tmpdir(), "generated-cases-"));
  defective = await startSandbox({ api: "gcore-billing", seededDefects: DEFECTS });
  fixed = await startSandbox({ api: "gcore-billing", seededDefects: {} });
  generated = await runGenerated(
    { ...lab, semantics: undefined, session: session(defective.url) },
    { seed: SEED, maxExamples: 30, compile, ...storage() },
  );
});

afterAll(async () => {
  await Promise.all([defective?.close(), fixed?.close()]);
  if (dir) await rm(dir, { recursive: true, force: true });
  delete process.env[KEY_VARIABLE];
  delete process.env[REPRODUCER_BASE_URL_VARIABLE];
});

/** The shrunk failure of `check` on the list operation. */
const foundBy = (check: string) =>
  generated.cases.find((c) => c.failures.some((f) => f.check === check));

describe("seeded defects: examples miss them, generated cases find each, shrunk", () => {
  it("the example-based cases find none of them", async () => {
    const result = await runApi({ ...lab, semantics: undefined, session: session(defective.url) });
    const errors = result.cases.flatMap((c) => c.failures.filter((f) => f.severity !== "warning"));
    expect(result.cases.length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  const CASES: [string, { check: string; want: (query: Record<string, unknown>) => void }][] = [
    [
      "a negative limit accepted with 200",
      {
        check: "negative_data_rejection",
        want: (query) => {
          expect(Object.keys(query)).toEqual(["limit"]);
          expect(query.limit).toBeLessThan(0);
        },
      },
    ],
    [
      "a 500 when a name is longer than 200 characters",
      {
        check: "not_a_server_error",
        want: (query) => {
          expect(Object.keys(query)).toEqual(["name"]);
          expect(String(query.name).length).toBe(201);
        },
      },
    ],
    [
      "an enum value returned only for a rare filter combination",
      {
        check: "response_schema_conformance",
        want: (query) => expect(query).toEqual({ status: "archived", kind: "part" }),
      },
    ],
  ];
  it.each(CASES)("%s", (_name, { check, want }) => {
    const found = foundBy(check);
    expect(found, `no ${check} failure; seed ${SEED}`).toBeDefined();
    want({ ...(found?.run.params.query ?? {}) });
  });

  it("reports nothing else: no request that could not be sent, no other check", () => {
    expect(generated.cases.flatMap((c) => c.failures.map((f) => f.check)).sort()).toEqual([
      "negative_data_rejection",
      "not_a_server_error",
      "response_schema_conformance",
    ]);
  });

  it("sends no valid request our validator rejects (no generator bug)", () => {
    expect(generated.operations.map((o) => o.generatorBugs)).toEqual([0, 0]);
  });
});

/** States of the reproducers' tests in a vitest run. */
function states(vitest: Vitest): string[] {
  return vitest.state
    .getFiles()
    .flatMap((file) => file.tasks.map((task) => task.result?.state ?? "none"))
    .sort();
}

describe("reproducers and the failure database", () => {
  it("writes one reproducer per failure: each fails while the defect is there, passes once it is gone", async () => {
    expect(generated.reproducers).toHaveLength(3);
    process.env[REPRODUCER_BASE_URL_VARIABLE] = defective.url;
    // One vitest for both runs: one worker, kept, so the second run does not load the API again.
    const vitest = await startVitest(
      "test",
      [],
      {
        config: false,
        root: join(dir, "reproducers"),
        include: ["**/*.repro.test.mjs"],
        watch: false,
        // A reporter with no hooks: the nested run reports through `states`, not on the console.
        reporters: [{}],
        pool: "threads",
        isolate: false,
        maxWorkers: 1,
        fileParallelism: false,
        coverage: { enabled: false },
      },
      { logLevel: "silent", cacheDir: join(dir, ".vite") },
    );
    try {
      expect(states(vitest)).toEqual(["fail", "fail", "fail"]);
      // The defects removed: the same server, its seeded defects switched off.
      for (const name of Object.keys(DEFECTS)) delete DEFECTS[name as keyof SeededDefects];
      await vitest.rerunTestSpecifications(await vitest.globTestSpecifications());
      expect(states(vitest)).toEqual(["pass", "pass", "pass"]);
    } finally {
      await vitest.close();
      process.exitCode = 0;
    }
  });

  it("the next run tries saved failures first and drops those that pass, saying so", async () => {
    const saved = JSON.parse(await readFile(join(dir, "failures", "defect-lab.json"), "utf8"));
    expect(saved.failures).toHaveLength(3);
    const again = await runGenerated(
      { ...lab, semantics: undefined, session: session(fixed.url) },
      { seed: SEED, maxExamples: 5, compile, ...storage() },
    );
    expect(again.notes).toHaveLength(3);
    expect(again.notes.every((n) => / it passes now$/.test(n))).toBe(true);
    expect(again.cases).toEqual([]);
    const after = JSON.parse(await readFile(join(dir, "failures", "defect-lab.json"), "utf8"));
    expect(after.failures).toEqual([]);
  });
});

describe("stateful sequences: create → retrieve → delete → retrieve", () => {
  const NOTES = join(import.meta.dirname, "../contract/generation/fixtures/defect-lab-notes.yaml");
  const CASES: [string, { given: SeededDefects; want: { steps: string[]; failures: string[] } }][] =
    [
      [
        "a faithful server passes every step",
        {
          given: {},
          want: {
            steps: ["create", "retrieve after create", "delete", "retrieve after delete"],
            failures: [],
          },
        },
      ],
      [
        "a delete that keeps the note is use_after_free",
        {
          given: { deleteKeepsNote: true },
          want: {
            steps: ["create", "retrieve after create", "delete", "retrieve after delete"],
            failures: ["use_after_free"],
          },
        },
      ],
    ];
  it.each(CASES)("%s", async (_name, { given, want }) => {
    const notes = await loadFixtureApi(NOTES, "defect-lab");
    const server = await startSandbox({ api: "gcore-billing", seededDefects: given });
    try {
      const result = await runGenerated(
        { ...notes, semantics: undefined, session: { ...session(server.url), allowWrites: true } },
        { seed: SEED, maxExamples: 1, modes: [], compile },
      );
      expect(result.sequences.map((c) => c.run.case.id.replace(/^\S+ stateful /, ""))).toEqual(
        want.steps,
      );
      expect(result.sequences.flatMap((c) => c.failures.map((f) => f.check))).toEqual(
        want.failures,
      );
    } finally {
      await server.close();
    }
  });
});
