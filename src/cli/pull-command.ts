import { syncRepository } from "../codegen/sync-output.js";
import { resolveApis } from "../document/vendor-api.js";
import type { FetchLimits } from "../drift/fetch-upstream.js";
import { formatDriftReport } from "../drift/format-report.js";
import { pullApis } from "../drift/pull-upstream.js";
import { ExitCode } from "../errors.js";
import { replayDriftResults } from "../replay/replay-after-drift.js";
import { parseFormat, warnUnusedIgnores } from "./diff-command.js";
import { parseOptions } from "./parse-options.js";

const USAGE = `usage: api-contracts pull [api...] [--from DIR|BASE-URL] [--format text|markdown|json]

Writes the new upstream copies to specs/<api>/upstream/, rebuilds the vendored spec, records the
copies' sha256 and info.version in source.json and regenerates generated/, so that one git diff
shows spec, types and validators changing together; prints the classified diff (with the same
engine and specs/<api>/diff-ignore.yaml as 'drift'). Nothing is written
unless every API's upstream could be read and rebuilt. Exit 2 when upstream is unreachable; exit 1
when recorded traffic (recordings/<api>/, as 'replay' reads it) contradicts a new document.
`;

/** `api-contracts pull [api...]`: see {@link USAGE}. */
export async function run(
  args: string[],
  root = process.cwd(),
  limits?: FetchLimits,
): Promise<number> {
  const { values, positionals } = parseOptions("pull", {
    args,
    allowPositionals: true,
    options: {
      from: { type: "string" },
      format: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return ExitCode.ok;
  }
  const format = parseFormat(values.format);
  const apis = await resolveApis(root, positionals);
  const results = await pullApis(root, apis, {
    ...(values.from ? { from: values.from } : {}),
    ...(limits ? { limits } : {}),
  });
  if (apis.length > 0) await syncRepository(root, { apis });
  process.stdout.write(formatDriftReport(results, format));
  for (const result of results) warnUnusedIgnores(result.unusedIgnores);
  for (const r of results) {
    const written = [...r.copiesWritten];
    if (r.documentChanged) written.push(r.fetched.documentPath);
    if (r.manifestChanged) written.push(r.fetched.manifestPath);
    process.stderr.write(
      `${r.api}: ${written.length > 0 ? `wrote ${written.join(", ")}` : "up to date"}\n`,
    );
  }
  process.stderr.write(`regenerated generated/ for ${apis.join(", ") || "no API"}\n`);
  // Recorded traffic (recordings/<api>/) re-checked against each new document.
  const stream = format === "json" ? process.stderr : process.stdout;
  return (await replayDriftResults(root, results, stream)) ? ExitCode.violation : ExitCode.ok;
}
