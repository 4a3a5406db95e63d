/** A description of the machine a benchmark ran on, for the table and the README. */
import { readFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";

/** Cores, CPU model, memory, Node version and load averages, as one line. */
export function describeMachine(): string {
  const [one, five] = loadavg();
  return [
    `${availableParallelism()} cores (${cpuModel()})`,
    `${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `Node ${process.version}`,
    `${process.platform}/${process.arch}`,
    `load average ${one?.toFixed(2)} (1 min) ${five?.toFixed(2)} (5 min)`,
  ].join(", ");
}

/** The CPU model from /proc/cpuinfo, falling back to os.cpus(). */
export function cpuModel(): string {
  try {
    const line = readFileSync("/proc/cpuinfo", "utf8")
      .split("\n")
      .find((l) => l.startsWith("model name"));
    if (line) return line.slice(line.indexOf(":") + 1).trim();
  } catch {
    // Not Linux: os.cpus() below.
  }
  return cpus()[0]?.model ?? "unknown CPU";
}
