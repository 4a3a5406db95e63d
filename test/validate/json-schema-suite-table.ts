/**
 * Prints the JSON Schema Test Suite table of the README ("Validating responses"): pass counts per
 * keyword file, the generated validators beside plain ajv 8 + ajv-formats, measured in one run.
 * Run: `npx tsx test/validate/json-schema-suite-table.ts` (needs `../shared/json-schema-test-suite`).
 */
import { compileApi } from "./compile-validators.js";
import {
  DRAFTS,
  type Draft,
  type GeneratedSuite,
  generateWholeSuite,
  groupsRejectedBySpecLayer,
  loadGroups,
  loadRemotes,
  runSuite,
  type SuiteGroup,
  suiteTable,
  wrapSuite,
} from "./json-schema-suite.js";

async function validatorsOnly(
  draft: Draft,
  groups: readonly SuiteGroup[],
  remotes: ReadonlyMap<string, unknown>,
): Promise<{ generated: GeneratedSuite; rejected: Map<string, string> }> {
  const rejected = groupsRejectedBySpecLayer(draft, groups, remotes);
  const document = wrapSuite(
    draft,
    groups.filter((g) => !rejected.has(g.operation)),
    remotes,
  );
  const compiled = await compileApi(document, `suite-${draft}`, { splitAbove: 64 * 1024 });
  await compiled.module.loadAll?.();
  return {
    generated: {
      index: compiled.index,
      module: compiled.module,
      warnings: compiled.warnings,
      dispose: async () => {},
    },
    rejected,
  };
}

const verbose = process.argv.includes("--failures");
for (const draft of Object.keys(DRAFTS) as Draft[]) {
  const groups = await loadGroups(draft);
  const remotes = await loadRemotes(draft);
  // --validators-only: the validator emitter alone (no types worker), to see the validators'
  // own standing should the types emitter ever refuse a group. Not the README's figures.
  const { generated, rejected } = process.argv.includes("--validators-only")
    ? await validatorsOnly(draft, groups, remotes)
    : await generateWholeSuite(draft, groups, remotes);
  for (const [operation, why] of rejected) process.stdout.write(`REJECTED ${operation}: ${why}\n`);
  try {
    const tallies = runSuite(draft, groups, generated, remotes, rejected);
    process.stdout.write(`${suiteTable(draft, tallies)}\n\n`);
    if (verbose) {
      for (const warning of generated.warnings)
        process.stdout.write(`warning ${warning.pointer}: ${warning.message}\n`);
      for (const tally of tallies.values()) {
        for (const failure of tally.oursFailed)
          process.stdout.write(`FAIL ${tally.file}: ${failure}\n`);
      }
    }
  } finally {
    await generated.dispose();
  }
}
