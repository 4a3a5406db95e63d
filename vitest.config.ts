import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

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
  },
});
