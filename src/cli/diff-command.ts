import { anyChangeReaches, FAIL_ON_VALUES, type FailOn } from "../drift/change.js";
import { diffDocuments } from "../drift/diff-documents.js";
import { formatReport, REPORT_FORMATS, type ReportFormat } from "../drift/format-report.js";
import { ExitCode, UsageError } from "../errors.js";
import { loadOpenApiFile } from "../spec/load-document.js";
import { parseOptions } from "./parse-options.js";

const USAGE = `usage: api-contracts diff OLD NEW [--format text|json|markdown] [--fail-on breaking|warning|info|never]

Compares two OpenAPI documents (3.0 or 3.1, YAML or JSON) and classifies each change as
breaking, warning or info. Exit 1 when a change reaches --fail-on (default breaking),
0 otherwise, 2 when a document cannot be read.
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

/** `api-contracts diff OLD NEW`: print the classified changes; exit 1 when one reaches `--fail-on`. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions("diff", {
    args,
    allowPositionals: true,
    options: {
      format: { type: "string" },
      "fail-on": { type: "string" },
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
  const [oldDoc, newDoc] = await Promise.all([loadOpenApiFile(oldFile), loadOpenApiFile(newFile)]);
  const changes = diffDocuments(oldDoc, newDoc, { oldSource: oldFile, newSource: newFile });
  process.stdout.write(
    formatReport(changes, format, { title: `API changes: ${oldFile} → ${newFile}` }),
  );
  return anyChangeReaches(changes, failOn) ? ExitCode.violation : ExitCode.ok;
}
