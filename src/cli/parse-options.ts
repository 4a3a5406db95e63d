import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "../errors.js";

/** `util.parseArgs` with unknown flags and bad values turned into a {@link UsageError} (exit 2). */
export function parseOptions<T extends ParseArgsConfig>(
  command: string,
  config: T,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; see 'api-contracts ${command} --help'`);
  }
}
