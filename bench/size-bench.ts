/**
 * Generated size per bench spec: the bytes of the folder `api-contracts codegen` wrote (left by
 * codegen-bench.ts in .tmp/bench/codegen/<id>/), against the bytes of the spec itself; the note
 * lists each file (the validator chunks as one folder) and what openapi-typescript alone wrote.
 * Run: npx tsx bench/size-bench.ts   (after codegen-bench.ts)
 */
import { existsSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { codegenOutDir, otsOutFile } from "./codegen-bench.js";
import { BENCH_SPECS, missingReason } from "./lib/bench-specs.js";
import { formatBytes } from "./lib/stats.js";
import { type BenchRow, renderTable, skippedRow } from "./lib/table.js";

/** Bytes and file count of each entry directly in `dir` (a folder: every file below it). */
export async function entrySizes(
  dir: string,
): Promise<Record<string, { bytes: number; files: number }>> {
  const sizes: Record<string, { bytes: number; files: number }> = {};
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  )) {
    const path = join(dir, entry.name);
    if (!entry.isDirectory()) {
      sizes[entry.name] = { bytes: (await stat(path)).size, files: 1 };
      continue;
    }
    let bytes = 0;
    let files = 0;
    for (const inner of Object.values(await entrySizes(path))) {
      bytes += inner.bytes;
      files += inner.files;
    }
    sizes[`${entry.name}/`] = { bytes, files };
  }
  return sizes;
}

/** One size row per bench spec whose codegen output exists. */
export async function sizeBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const spec of BENCH_SPECS) {
    const missing = missingReason(spec);
    const out = codegenOutDir(spec);
    if (missing || !existsSync(out)) {
      rows.push(skippedRow("generated size", spec.name, missing ?? `no codegen output in ${out}`));
      continue;
    }
    const sizes = await entrySizes(out);
    const total = Object.values(sizes).reduce((a, b) => a + b.bytes, 0);
    const specBytes = (await stat(spec.file)).size;
    const alone = otsOutFile(spec);
    const otsNote = existsSync(alone)
      ? `; openapi-typescript alone wrote ${formatBytes((await stat(alone)).size)}`
      : "";
    rows.push({
      figure: "generated size",
      subject: spec.name,
      ours: formatBytes(total),
      reference: `spec ${formatBytes(specBytes)}`,
      ratio: total / specBytes,
      note: Object.entries(sizes)
        .map(
          ([name, { bytes, files }]) =>
            `${name}${files > 1 ? ` (${files} files)` : ""} ${formatBytes(bytes)}`,
        )
        .join(", ")
        .concat(otsNote),
    });
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(renderTable(await sizeBench()));
}
