/**
 * vitest's file order with the end-to-end suites (test/integration/, test/scale/, test/package/)
 * first. vitest orders files by their last durations, and in a fresh clone, which has none, by
 * size: a small file that runs for a minute (bench-specs) would then start last and keep one
 * worker busy after the other is done. Within each group vitest's own order is kept.
 */
import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** Folders (relative to the root, with a trailing slash) whose suites start first. */
export const SLOW_SUITES = ["test/integration/", "test/scale/", "test/package/"];

/** {@link BaseSequencer} with the files under {@link SLOW_SUITES} moved to the front. */
export default class SlowSuitesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const slow = (file: TestSpecification) => {
      const path = relative(file.project.config.root, file.moduleId).split("\\").join("/");
      return SLOW_SUITES.some((folder) => path.startsWith(folder));
    };
    return [...sorted.filter(slow), ...sorted.filter((file) => !slow(file))];
  }
}
