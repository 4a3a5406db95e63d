/**
 * Running a step with another working directory, put back afterwards (test files share their
 * worker, so a directory left changed would move every later relative path).
 */

/** `step()` with `dir` as the working directory; the previous one is restored however it ends. */
export async function inDirectory<T>(dir: string, step: () => Promise<T>): Promise<T> {
  const before = process.cwd();
  process.chdir(dir);
  try {
    return await step();
  } finally {
    process.chdir(before);
  }
}
