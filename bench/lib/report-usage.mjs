/**
 * Preloaded into a measured child process (`node --import <this file> …`): when the process exits,
 * writes its `process.resourceUsage()` (peak RSS of the whole process, all threads included, and
 * CPU time) as JSON to the file named by BENCH_USAGE_FILE. Plain JavaScript, so that it adds no
 * loader to the process it measures.
 */
import { writeFileSync } from "node:fs";

const target = process.env.BENCH_USAGE_FILE;
if (target) {
  process.on("exit", () => {
    writeFileSync(target, JSON.stringify(process.resourceUsage()));
  });
}
