import { type ParseArgsConfig, parseArgs } from "node:util";
import { closest } from "../document/closest-match.js";
import { UsageError } from "../errors.js";

/**
 * `util.parseArgs` with unknown flags and bad values turned into a {@link UsageError} (exit 2);
 * a misspelt flag gets the closest known one suggested (`--taget`: "did you mean --target?").
 */
export function parseOptions<T extends ParseArgsConfig>(
  command: string,
  config: T,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /^Unknown option '(-{1,2}[^']+)'/.exec(message)?.[1];
    if (unknown !== undefined) {
      const flags = Object.keys(config.options ?? {}).map((name) => `--${name}`);
      const guess = closest(unknown.split("=")[0] ?? unknown, flags);
      const hint = guess ? ` (did you mean ${guess}?)` : "";
      throw new UsageError(
        `Unknown option '${unknown}'${hint}; see 'api-contracts ${command} --help'`,
      );
    }
    throw new UsageError(`${message}; see 'api-contracts ${command} --help'`);
  }
}

/** The closest known word (one implementation for flags, commands and config keys). */
export { closest } from "../document/closest-match.js";
