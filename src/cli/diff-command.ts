import { loadOpenApiFile } from "../document/load-document.js";
import { anyChangeReaches, FAIL_ON_VALUES, type FailOn } from "../drift/change.js";
import { diffDocuments } from "../drift/diff-documents.js";
import { applyPolicy, EMPTY_POLICY, loadDiffPolicy } from "../drift/diff-policy.js";
import { formatReport, REPORT_FORMATS, type ReportFormat } from "../drift/format-report.js";
import { knownCheckIds } from "../drift/ignore-file-location.js";
import { ExitCode, UsageError } from "../errors.js";
import { parseOptions } from "./parse-options.js";

const USAGE = `usage: api-contracts diff OLD NEW [--format text|json|markdown] [--fail-on breaking|warning|info|never]
                         [--ignore FILE] [--impact TSCONFIG [--types FILE]]

Compares two OpenAPI documents (3.0 or 3.1, YAML or JSON) and classifies each change as
breaking, warning or info, with oasdiff's check ids and levels. Exit 1 when a change reaches
--fail-on (default breaking), 0 otherwise, 2 when a document cannot be read.

  --ignore FILE     accepted changes, each with a reason, and level overrides (see README, "Drift");
                    accepted changes are still listed but never fail
  --impact TSCONFIG type-check that project against the types generated from NEW instead of OLD and
                    list the lines that stop compiling, each with the change that caused it (exit 1
                    when any line breaks)
  --types FILE      with --impact: the generated types file the project imports (found by content
                    when left out)
`;

/** Parse a `--format` value. */
export function parseFormat(value: string | undefined): ReportFormat {
  const format = value ?? "text";
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown --format '${format}'; use one of ${REPORT_FORMATS.join(", ")}`);
  }
  return format as ReportFormat;
}

/** Parse a `--fail-on` value. */
export function parseFailOn(value: string | undefined, fallback: FailOn): FailOn {
  const failOn = value ?? fallback;
  if (!(FAIL_ON_VALUES as readonly string[]).includes(failOn)) {
    throw new UsageError(`unknown --fail-on '${failOn}'; use one of ${FAIL_ON_VALUES.join(", ")}`);
  }
  return failOn as FailOn;
}

/** Print ignore entries that matched nothing: stale acceptances should be deleted. */
export function warnUnusedIgnores(entries: readonly { source: string; id: string }[]): void {
  for (const entry of entries) {
    process.stderr.write(
      `note: ${entry.source} (${entry.id}) matched no change; delete it if the change is gone\n`,
    );
  }
}

/** `api-contracts diff OLD NEW`: print the classified changes; exit 1 when one reaches `--fail-on`. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions("diff", {
    args,
    allowPositionals: true,
    options: {
      format: { type: "string" },
      "fail-on": { type: "string" },
      ignore: { type: "string" },
      impact: { type: "string" },
      types: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return ExitCode.ok;
  }
  const format = parseFormat(values.format);
  const failOn = parseFailOn(values["fail-on"], "breaking");
  const [oldFile, newFile, ...extra] = positionals;
  if (oldFile === undefined || newFile === undefined || extra.length > 0) {
    throw new UsageError(
      `expected two documents, OLD and NEW; got ${positionals.length}\n${USAGE}`,
    );
  }
  if (values.types !== undefined && values.impact === undefined) {
    throw new UsageError("--types names the types file for --impact; add --impact TSCONFIG");
  }
  const policy = values.ignore
    ? await loadDiffPolicy(values.ignore, knownCheckIds())
    : EMPTY_POLICY;
  const [oldDoc, newDoc] = await Promise.all([loadOpenApiFile(oldFile), loadOpenApiFile(newFile)]);
  const { changes, unused } = applyPolicy(
    diffDocuments(oldDoc, newDoc, { oldSource: oldFile, newSource: newFile }),
    policy,
  );
  let impactText = "";
  let broken = false;
  if (values.impact !== undefined) {
    // Loaded only here: it pulls in codegen and the TypeScript compiler.
    const { checkTypeImpact, formatTypeImpact } = await import("./type-impact.js");
    const impact = await checkTypeImpact(oldDoc, newDoc, changes, {
      tsconfig: values.impact,
      ...(values.types !== undefined ? { typesFile: values.types } : {}),
      oldSource: oldFile,
      newSource: newFile,
    });
    broken = impact.lines.length > 0;
    impactText =
      format === "json"
        ? ""
        : format === "markdown"
          ? `\n#### Impact on your code\n\n\`\`\`text\n${formatTypeImpact(impact, values.impact)}\`\`\`\n`
          : `\n${formatTypeImpact(impact, values.impact)}`;
    if (format === "json") {
      const report = JSON.parse(formatReport(changes, "json")) as Record<string, unknown>;
      process.stdout.write(`${JSON.stringify({ ...report, impact }, null, 2)}\n`);
    }
  }
  if (format !== "json" || values.impact === undefined) {
    process.stdout.write(
      formatReport(changes, format, { title: `API changes: ${oldFile} → ${newFile}` }),
    );
  }
  process.stdout.write(impactText);
  warnUnusedIgnores(unused);
  return broken || anyChangeReaches(changes, failOn) ? ExitCode.violation : ExitCode.ok;
}
