/**
 * The official JSON Schema Test Suite through the generated validators, beside plain ajv 8 +
 * ajv-formats in the same run (see json-schema-suite.ts for the wrapping). One codegen run per
 * draft, shared by every assertion. The README table comes from json-schema-suite-table.ts.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DRAFTS,
  type Draft,
  type FileTally,
  type GeneratedSuite,
  generateWholeSuite,
  loadGroups,
  loadRemotes,
  runSuite,
  SUITE_DIR,
} from "./json-schema-suite.js";

const present = existsSync(join(SUITE_DIR, "tests"));

/** Keyword files of a draft (`optional/format/date`), read synchronously for `it.each`. */
function keywordFiles(draft: Draft): string[] {
  if (!present) return [];
  const dir = join(SUITE_DIR, "tests", draft);
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((name) => name.endsWith(".json"))
    .map((name) =>
      name
        .split("\\")
        .join("/")
        .replace(/\.json$/, ""),
    )
    .sort();
}

describe.skipIf(!present)(
  present
    ? "JSON Schema Test Suite"
    : "JSON Schema Test Suite (skipped: ../shared/json-schema-test-suite is absent)",
  () => {
    describe.each(Object.keys(DRAFTS) as Draft[])("%s", (draft) => {
      let generated: GeneratedSuite | undefined;
      let rejected = new Map<string, string>();
      let tallies = new Map<string, FileTally>();

      beforeAll(async () => {
        const groups = await loadGroups(draft);
        const remotes = await loadRemotes(draft);
        const result = await generateWholeSuite(draft, groups, remotes);
        generated = result.generated;
        rejected = result.rejected;
        tallies = runSuite(draft, groups, generated, remotes, rejected);
      }, 240_000);

      afterAll(async () => {
        await generated?.dispose();
      });

      it("codegen takes every group in one document (none left out)", () => {
        expect([...rejected].map(([operation, why]) => `${operation}: ${why}`)).toEqual([]);
      });

      it.each(keywordFiles(draft))(
        "%s: ours passes at least as many tests as plain ajv",
        (file) => {
          const tally = tallies.get(file);
          expect(tally, `no tally for ${file}`).toBeDefined();
          const { ours = 0, ajv = 0, oursFailed = [] } = tally ?? {};
          // On failure, the tests ours gets wrong are listed.
          expect({ ours, failed: ours < ajv ? oursFailed : [] }).toEqual({
            ours: Math.max(ours, ajv),
            failed: [],
          });
        },
      );
    });
  },
);
