/** Test helper: how long a synchronous call takes, for the tests of a time bound the code promises. */
import { availableParallelism, loadavg } from "node:os";

/** Further tries of a call measured at or over its bound (see `timed`). */
const RETRIES = 2;

/**
 * `run`'s result and its time: wall-clock, except on an oversubscribed machine (more runnable
 * processes than cores, as when several suites share this one), where the wall clock also counts
 * the time the OS gives to other processes; there the process's own CPU time is what the guard
 * controls, and is what is measured.
 *
 * With `boundMs`, a call measured at or over the bound is run again, up to twice, and the least
 * time is returned: a call that really takes longer does so every time, while one that met a
 * full garbage collection of the worker's heap or lost its time slice does not (CPU time counts
 * the collector's threads too). `run` must give the same result each time.
 */
export function timed<T>(
  run: () => T,
  boundMs = Number.POSITIVE_INFINITY,
): { result: T; ms: number } {
  let best = measure(run);
  for (let retry = 0; retry < RETRIES && best.ms >= boundMs; retry++) {
    const again = measure(run);
    if (again.ms < best.ms) best = again;
  }
  return best;
}

function measure<T>(run: () => T): { result: T; ms: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = run();
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const oversubscribed = (loadavg()[0] as number) > availableParallelism();
  return { result, ms: oversubscribed ? (used.user + used.system) / 1000 : wall };
}
