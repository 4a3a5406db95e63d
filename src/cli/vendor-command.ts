import { documentWarnings } from "../codegen/document-warnings.js";
import type { ApiWarning } from "../codegen/generate-all.js";
import {
  type ApiBuild,
  buildApi,
  checkApi,
  resolveApis,
  writeVendored,
} from "../document/vendor-api.js";
import { ExitCode, StrictWarningsError } from "../errors.js";
import type { SpecWarning } from "../runtime/operation-index.js";
import { parseOptions } from "./parse-options.js";

const HELP = `usage: api-contracts vendor [api...] [--check] [--strict]

Rebuild specs/<api>/<openapi.yaml|json> from the upstream copies in specs/<api>/upstream/, as
specs/<api>/source.json describes (offline; files are written atomically). With no api, every
folder in specs/. The project root is the current directory.

  --check   rebuild in memory only; exit 1 naming each API whose vendored document or upstream
            copies do not match source.json, 0 when all match
  --strict  exit 2, writing nothing, when a document has defects or warnings codegen would work
            around (listed in one block per API either way)
`;

/**
 * `api-contracts vendor [api...] [--check]`. Exit 0 when done or up to date, 1 when `--check` finds
 * a stale API, 2 on bad input (thrown as typed errors, mapped by main). `root` defaults to the
 * current directory, which is the project root.
 */
export async function run(args: string[], root = process.cwd()): Promise<number> {
  const { values, positionals } = parseOptions("vendor", {
    args,
    allowPositionals: true,
    options: {
      check: { type: "boolean", default: false },
      strict: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return ExitCode.ok;
  }
  const apis = await resolveApis(root, positionals);
  if (apis.length === 0) {
    process.stderr.write("api-contracts vendor: specs/ has no API folders; nothing to do\n");
    return ExitCode.usage;
  }
  if (values.check) {
    const stale: string[] = [];
    for (const api of apis) {
      const problems = await checkApi(root, api);
      if (problems.length === 0) {
        process.stdout.write(`${api}: up to date\n`);
        continue;
      }
      stale.push(api);
      for (const problem of problems) process.stderr.write(`${api}: ${problem}\n`);
    }
    if (stale.length === 0) return ExitCode.ok;
    process.stderr.write(`vendor --check failed for: ${stale.join(", ")}\n`);
    return ExitCode.violation;
  }
  // Build every API before writing any, so that bad input in one leaves all of specs/ as it was.
  const builds: ApiBuild[] = [];
  for (const api of apis) builds.push(await buildApi(root, api));
  const found: ApiWarning[] = [];
  for (const built of builds) {
    const { api, documentPath } = built;
    const { warnings, refused } = await documentWarnings(built.build.document, api, documentPath);
    printDefects(api, documentPath, warnings, refused);
    found.push(...warnings.map((w) => ({ api, ...w })));
    if (refused !== undefined) found.push({ api, pointer: "", message: refused });
  }
  if (values.strict && found.length > 0) throw new StrictWarningsError(found, apis.join(", "));
  for (const built of builds) {
    const { api } = built;
    const result = await writeVendored(root, built);
    const what = result.documentChanged ? "wrote" : "unchanged";
    process.stdout.write(`${api}: ${what} ${result.documentPath}\n`);
    if (result.manifestChanged) {
      process.stdout.write(
        `${api}: recorded new sha256/info.version in specs/${api}/source.json\n`,
      );
    }
    for (const reason of result.ineffectivePatches) {
      process.stderr.write(
        `${api}: warning: a patch no longer changes anything (upstream may have fixed it); consider removing it from source.json: ${reason}\n`,
      );
    }
  }
  return ExitCode.ok;
}

/**
 * The defects and warnings of one API's document (what codegen works around, patterns it cannot
 * run plainly, …) in one block on stderr, or nothing when there are none.
 */
function printDefects(
  api: string,
  documentPath: string,
  warnings: readonly SpecWarning[],
  refused: string | undefined,
): void {
  if (warnings.length === 0 && refused === undefined) return;
  const lines = [
    `${api}: ${documentPath}: ${warnings.length} warning(s) codegen works around${refused ? ", and codegen refuses the document" : ""}:`,
    ...warnings.map((w) => `  ${w.pointer}: ${w.message}`),
    ...(refused ? [`  refused: ${refused}`] : []),
  ];
  process.stderr.write(`${lines.join("\n")}\n`);
}
