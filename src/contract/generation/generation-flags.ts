/**
 * The command-line flags of the generated phase, checked: `--max-examples N` (turns the phase on),
 * `--seed S`, `--failures DIR`. A malformed value is a usage error saying what is expected.
 */
import { UsageError } from "../../errors.js";

/** The phase's settings, or undefined when `--max-examples` is absent (phase off). */
export interface GenerationFlags {
  readonly maxExamples: number;
  readonly seed?: number;
  readonly failureDir?: string;
}

/** Read the flags' raw values (as parseArgs gives them). @throws UsageError */
export function parseGenerationFlags(values: {
  readonly "max-examples"?: string;
  readonly seed?: string;
  readonly failures?: string;
}): GenerationFlags | undefined {
  const raw = values["max-examples"];
  if (raw === undefined) {
    if (values.seed !== undefined || values.failures !== undefined)
      throw new UsageError(
        "--seed and --failures apply to generated requests: add --max-examples N",
      );
    return undefined;
  }
  if (!/^[1-9]\d{0,5}$/.test(raw))
    throw new UsageError(`--max-examples must be a whole number from 1 to 999999; got '${raw}'`);
  let seed: number | undefined;
  if (values.seed !== undefined) {
    if (!/^\d{1,10}$/.test(values.seed) || Number(values.seed) > 0x7fffffff)
      throw new UsageError(
        `--seed must be a whole number from 0 to 2147483647; got '${values.seed}'`,
      );
    seed = Number(values.seed);
  }
  return {
    maxExamples: Number(raw),
    ...(seed === undefined ? {} : { seed }),
    ...(values.failures === undefined ? {} : { failureDir: values.failures }),
  };
}
