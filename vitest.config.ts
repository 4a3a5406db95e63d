import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "contract-tests/**/*.test.ts"],
    // Type-level tests (expectTypeOf) are enforced by `tsc` in `npm run typecheck`, which covers test/.
    typecheck: { enabled: false },
    reporters: ["default", "./test/support/summary-reporter.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
