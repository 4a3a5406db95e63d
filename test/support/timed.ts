/** Test helper: how long a synchronous call takes, for the tests of a time bound the code promises. */
import { availableParallelism, loadavg } from "node:os";

/**
 * `run`'s result and its time: wall-clock, except on an oversubscribed machine (more runnable
 * processes than cores, as when several suites share this one), where the wall clock also counts
 * the time the OS gives to other processes; there the process's own CPU time is what the guard
 * controls, and is what is measured.
 */
export function timed<T>(run: () => T): { result: T; ms: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = run();
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const oversubscribed = (loadavg()[0] as number) > availableParallelism();
  return { result, ms: oversubscribed ? (used.user + used.system) / 1000 : wall };
}
