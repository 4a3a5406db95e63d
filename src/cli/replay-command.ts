/** `api-contracts replay DIR --spec FILE [--api ID]`: recorded traffic re-checked against a spec. */
import { resolve } from "node:path";
import { UsageError } from "../errors.js";
import { replayRecordings } from "../replay/replay-recordings.js";
import { formatReplay, writeReplayReports } from "../replay/replay-reports.js";
import { readRecordings } from "../runtime/har/recording-store.js";
import { parseOptions } from "./parse-options.js";

const HELP = `usage: api-contracts replay DIR --spec FILE [--api ID] [--reports DIR]

Re-checks recorded traffic (recorded with 'api-contracts test --target live --record DIR' or a
client's record option) against a spec, typically the vendor's new one: every recorded response is
validated with the validators codegen would generate from FILE.

Prints, per operation: the recorded responses FILE rejects (JSON Pointer and rule), the fields the
traffic shows that FILE does not describe, the recorded requests no operation of FILE describes,
and the operations the recording does not cover. Reports: replay.json, replay.junit.xml,
replay.html, replay.md.

  --spec FILE     the OpenAPI document to check against (YAML or JSON)
  --api ID        the recorded API to check (needed when DIR holds several)
  --reports DIR   where the reports go (default: reports)

Exit codes: 0 every recorded response conforms; 1 recorded traffic contradicts the spec; 2 usage
errors, an unreadable spec, or a recording that is unreadable or does not match its manifest.
`;

/** Run `replay`; see {@link HELP}. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions("replay", {
    args,
    options: {
      spec: { type: "string" },
      api: { type: "string" },
      reports: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const [dir, ...extra] = positionals;
  if (dir === undefined || extra.length > 0) {
    throw new UsageError(
      "replay needs exactly one recording folder: api-contracts replay DIR --spec FILE",
    );
  }
  if (values.spec === undefined) {
    throw new UsageError(
      "replay needs --spec FILE, the OpenAPI document to check the recordings against",
    );
  }
  if (values.api === undefined) {
    const apis = (await readRecordings(dir)).map((r) => r.manifest.api);
    if (apis.length > 1) {
      throw new UsageError(
        `${dir} holds recordings of ${apis.join(", ")}; a spec describes one API: pass --api ID`,
      );
    }
  }
  const result = await replayRecordings({
    dir,
    specFile: resolve(values.spec),
    ...(values.api === undefined ? {} : { api: values.api }),
  });
  process.stdout.write(formatReplay(result));
  const files = await writeReplayReports(result, resolve(values.reports ?? "reports"));
  process.stdout.write(`reports: ${files.join("\n         ")}\n`);
  return result.contradicted ? 1 : 0;
}
