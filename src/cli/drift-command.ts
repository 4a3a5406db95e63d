import { resolveApis } from "../document/vendor-api.js";
import { anyChangeReaches } from "../drift/change.js";
import { type DriftResult, detectDrift } from "../drift/detect-drift.js";
import { EMPTY_POLICY, loadDiffPolicy } from "../drift/diff-policy.js";
import type { FetchLimits } from "../drift/fetch-upstream.js";
import { formatDriftReport } from "../drift/format-report.js";
import { IGNORE_FILE_NAME, knownCheckIds } from "../drift/ignore-file-location.js";
import { ExitCode } from "../errors.js";
import { replayDriftResults } from "../replay/replay-after-drift.js";
import { parseFailOn, parseFormat, warnUnusedIgnores } from "./diff-command.js";
import { parseOptions } from "./parse-options.js";

const USAGE = `usage: api-contracts drift [api...] [--from DIR|BASE-URL] [--format markdown|text|json] [--fail-on info|warning|breaking|never] [--ignore FILE]

Reads each API's upstream documents (the URLs in specs/<api>/source.json, or --from: a folder or
base URL serving them under the same file names), rebuilds the spec as 'vendor' does, and diffs it
against the vendored spec. Exit 0 when nothing at or above --fail-on (default info) changed, 1 on
drift (the classified diff is printed, as markdown by default), 2 when upstream is unreachable.
Each API's specs/<api>/${IGNORE_FILE_NAME}, when present, lists accepted changes (with reasons) and
level overrides; --ignore FILE adds one more for every API.
When recordings/<api>/ (or $API_CONTRACTS_RECORDINGS/<api>/) holds recorded traffic, every recorded
response is also re-checked against the rebuilt document (as 'replay' does): exit 1 when it
contradicts it.
`;

/** `api-contracts drift [api...]`: see {@link USAGE}. `root` is the project root; `limits` bound each download. */
export async function run(
  args: string[],
  root = process.cwd(),
  limits?: FetchLimits,
): Promise<number> {
  const { values, positionals } = parseOptions("drift", {
    args,
    allowPositionals: true,
    options: {
      from: { type: "string" },
      format: { type: "string" },
      "fail-on": { type: "string" },
      ignore: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return ExitCode.ok;
  }
  const format = parseFormat(values.format ?? "markdown");
  const failOn = parseFailOn(values["fail-on"], "info");
  const apis = await resolveApis(root, positionals);
  const policy = values.ignore
    ? await loadDiffPolicy(values.ignore, knownCheckIds())
    : EMPTY_POLICY;
  const results: DriftResult[] = [];
  for (const api of apis) {
    results.push(
      await detectDrift(root, api, {
        ...(values.from ? { from: values.from } : {}),
        ...(limits ? { limits } : {}),
        policy,
      }),
    );
  }
  process.stdout.write(formatDriftReport(results, format));
  // An entry of --ignore is stale only when it matched nothing in any API.
  const shared = new Set(policy.ignore);
  for (const result of results) {
    warnUnusedIgnores(result.unusedIgnores.filter((entry) => !shared.has(entry)));
  }
  warnUnusedIgnores(
    policy.ignore.filter((entry) => results.every((r) => r.unusedIgnores.includes(entry))),
  );
  // Recorded traffic (recordings/<api>/) re-checked against each rebuilt document.
  const stream = format === "json" ? process.stderr : process.stdout;
  const contradicted = await replayDriftResults(root, results, stream);
  return contradicted || results.some((r) => anyChangeReaches(r.changes, failOn))
    ? ExitCode.violation
    : ExitCode.ok;
}
