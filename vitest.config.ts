import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import SlowSuitesFirst from "./test/support/slow-suites-first.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "contract-tests/**/*.test.ts"],
    // Type-level tests (expectTypeOf) are enforced by `tsc` in `npm run typecheck`, which covers test/.
    typecheck: { enabled: false },
    reporters: ["default", "./test/support/summary-reporter.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // vitest's default is one worker fewer than the cores: a single worker on a 2-core machine,
    // which then runs every file one after the other while most of them wait on a child process,
    // a server or a worker thread. Two workers at least keep both cores busy.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Test files share their worker's module cache instead of each starting a fresh one: loading
    // ajv, TypeScript or Prism once per worker rather than once per file cut the suite's CPU by a
    // quarter. A test that changes process-wide state (environment variables, the working
    // directory, faker options) puts it back, as the helpers in test/support/ do.
    isolate: false,
    // The end-to-end suites first, also in a fresh clone (see the sequencer).
    sequence: { sequencer: SlowSuitesFirst },
  },
});
