import { join, relative } from "node:path";
import { isEmptyDiff } from "../codegen/diff-tree.js";
import type { Emitter } from "../codegen/emitter.js";
import { type SyncResult, syncRepository, syncSpecFile } from "../codegen/sync-output.js";
import { CheckFailedError, UsageError } from "../errors.js";
import { parseOptions } from "./parse-options.js";

const HELP = `usage: api-contracts codegen [--check] [--strict] [--api ID]... [--root DIR]
       api-contracts codegen --spec FILE --out DIR [--api ID] [--runtime-import SPECIFIER] [--check] [--strict]

Generates types, operation index and typed client for every specs/<api>/openapi.{yaml,json}
into generated/<api>/ (or, with --spec, for one document into DIR).

  --check            regenerate in memory; exit 1 listing stale, missing and extra files
  --strict           exit 2, writing nothing, when the document has any defect that codegen
                     would otherwise work around with a warning (duplicate operationIds,
                     undefined security schemes, …; see the README)
  --api ID           only this API (repeatable); with --spec, the id to generate under
  --root DIR         repository root holding specs/ and generated/ (default: current folder)
  --spec FILE        one OpenAPI document outside this layout (needs --out)
  --out DIR          output folder for --spec; replaced as a whole
  --runtime-import   specifier of the api-contracts runtime (default: api-contracts/runtime
                     outside this package)
`;

/** A path relative to the current folder when below it, absolute otherwise. */
function display(outDir: string, path: string): string {
  const full = join(outDir, path);
  const rel = relative(process.cwd(), full);
  return rel === "" ? "." : rel.startsWith("..") ? full : rel;
}

function report(result: SyncResult, check: boolean): number {
  for (const w of result.warnings) {
    process.stderr.write(`warning: ${w.api} ${w.pointer}: ${w.message}\n`);
  }
  const { diff } = result;
  if (check && diff) {
    if (isEmptyDiff(diff)) {
      process.stdout.write(`${display(result.outDir, "")}: up to date\n`);
      return 0;
    }
    const lines = [
      ...diff.stale.map((p) => `  stale    ${display(result.outDir, p)}`),
      ...diff.missing.map((p) => `  missing  ${display(result.outDir, p)}`),
      ...diff.extra.map((p) => `  extra    ${display(result.outDir, p)}`),
    ];
    throw new CheckFailedError(
      `generated code is out of date with its spec; run 'npm run codegen' (or the same codegen command without --check) and commit the result:\n${lines.join("\n")}`,
    );
  }
  const count = Object.keys(result.files).length;
  process.stdout.write(`wrote ${count} files to ${display(result.outDir, "")}\n`);
  return 0;
}

/** What a caller may hand {@link run} instead of its defaults (tests share one set of emitters). */
export interface CodegenSeams {
  /** The emitters to generate with; by default a types worker is started per run. */
  readonly emitters?: readonly Emitter[];
}

/** `api-contracts codegen`: see {@link HELP}. */
export async function run(args: string[], seams: CodegenSeams = {}): Promise<number> {
  const { values } = parseOptions("codegen", {
    args,
    options: {
      check: { type: "boolean" },
      strict: { type: "boolean" },
      api: { type: "string", multiple: true },
      root: { type: "string" },
      spec: { type: "string" },
      out: { type: "string" },
      "runtime-import": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const check = values.check === true;
  const strict = values.strict === true;
  if (values.spec !== undefined || values.out !== undefined) {
    if (values.spec === undefined || values.out === undefined) {
      throw new UsageError("--spec and --out go together; see 'api-contracts codegen --help'");
    }
    if ((values.api?.length ?? 0) > 1) throw new UsageError("--spec takes at most one --api");
    if (values.root !== undefined) throw new UsageError("--root does not apply with --spec");
    const api = values.api?.[0];
    const runtimeImport = values["runtime-import"];
    const result = await syncSpecFile({
      spec: values.spec,
      out: values.out,
      check,
      strict,
      ...(api !== undefined ? { api } : {}),
      ...(runtimeImport !== undefined ? { runtimeImport } : {}),
      ...(seams.emitters ? { emitters: seams.emitters } : {}),
    });
    return report(result, check);
  }
  if (values["runtime-import"] !== undefined) {
    throw new UsageError("--runtime-import applies with --spec only");
  }
  const result = await syncRepository(values.root ?? process.cwd(), {
    check,
    strict,
    ...(values.api ? { apis: values.api } : {}),
    ...(seams.emitters ? { emitters: seams.emitters } : {}),
  });
  return report(result, check);
}
