#!/usr/bin/env node
import { readFileSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { onDocumentNotice } from "../document/document-notices.js";
import { ApiContractsError, ExitCode } from "../errors.js";
import { closest } from "./parse-options.js";
import {
  asMissingTool,
  CODEGEN_TOOLS,
  NO_TOOLS,
  requireTools,
  TEST_TOOLS,
} from "./required-tools.js";

/** A CLI command: parses its own arguments, returns the exit code. */
export type Command = (args: string[]) => Promise<number>;

/** One CLI command: its help line, the optional tools it needs, its module (loaded on demand). */
export interface CommandEntry {
  readonly summary: string;
  /** Optional peer dependencies checked before loading (see required-tools.ts). */
  readonly tools: readonly string[];
  /** A dynamic import, so that the CLI starts on the runtime dependencies alone. */
  readonly load: () => Promise<Command>;
}

/**
 * Commands, loaded lazily so that `validate` does not pay for `codegen`'s imports and `--version`,
 * `--help`, `validate`, `report` and `sandbox` work without the tools. To add one: an entry here
 * (`<name>` is loaded from `./<name>-command.js`; test/cli/required-tools.test.ts checks `tools`).
 */
export const commands: Readonly<Record<string, CommandEntry>> = {
  diff: {
    summary: "classify the changes between two OpenAPI documents (OLD NEW)",
    tools: CODEGEN_TOOLS,
    load: () => import("./diff-command.js").then((m) => m.run),
  },
  drift: {
    summary: "classify what upstream changed in the vendored specs (exit 1 on drift)",
    tools: CODEGEN_TOOLS,
    load: () => import("./drift-command.js").then((m) => m.run),
  },
  pull: {
    summary: "pull upstream into specs/ and regenerate generated/, printing the diff",
    tools: CODEGEN_TOOLS,
    load: () => import("./pull-command.js").then((m) => m.run),
  },
  codegen: {
    summary: "generate generated/<api>/ from specs/ (--check: verify)",
    tools: CODEGEN_TOOLS,
    load: () => import("./codegen-command.js").then((m) => m.run),
  },
  add: {
    summary: "add an API from a document: specs/<api>/, vendor, codegen (<api> --from FILE|URL)",
    tools: CODEGEN_TOOLS,
    load: () => import("./add-command.js").then((m) => m.run),
  },
  vendor: {
    summary: "rebuild specs/<api>/ from upstream copies (--check: verify)",
    tools: CODEGEN_TOOLS,
    load: () => import("./vendor-command.js").then((m) => m.run),
  },
  validate: {
    summary: "check a response body against the vendored spec (--api --operation FILE)",
    tools: NO_TOOLS,
    load: () => import("./validate-command.js").then((m) => m.run),
  },
  test: {
    summary: "run the contract suite (--target mock|live, --api, --strict-examples)",
    tools: TEST_TOOLS,
    load: () => import("./test-command.js").then((m) => m.run),
  },
  replay: {
    summary: "re-check recorded traffic against a spec (DIR --spec FILE; exit 1 if it contradicts)",
    tools: CODEGEN_TOOLS,
    load: () => import("./replay-command.js").then((m) => m.run),
  },
  report: {
    summary: "merge the reports of a sharded contract run (merge DIR... [--out DIR])",
    tools: NO_TOOLS,
    load: () => import("./report-command.js").then((m) => m.run),
  },
  sandbox: {
    summary: "run the vendor-API sandbox until Ctrl-C (--scenario: drift)",
    tools: NO_TOOLS,
    load: () => import("./sandbox-command.js").then((m) => m.run),
  },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `usage: api-contracts <command> [options]\n       api-contracts --version\n\ncommands:\n${lines.join("\n")}\n`;
}

/**
 * This package's version, from the nearest package.json above this file named `api-contracts`
 * (src/cli/ when run from source, dist/src/cli/ when built or installed).
 */
export function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        name?: unknown;
        version?: unknown;
      };
      if (manifest.name === "api-contracts" && typeof manifest.version === "string")
        return manifest.version;
    } catch {
      // No package.json here: look one level up.
    }
    dir = dirname(dir);
  }
  return "unknown";
}

/** Entry point: dispatches to a command and maps typed errors to exit codes (never a stack trace). */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage());
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (name === "--version" || name === "-v") {
    process.stdout.write(`api-contracts ${packageVersion()}\n`);
    return ExitCode.ok;
  }
  const command = commands[name];
  if (!command) {
    const guess = closest(name, Object.keys(commands));
    const hint = guess ? ` (did you mean ${guess}?)` : "";
    process.stderr.write(
      `api-contracts: unknown command '${name}'${hint}; known: ${Object.keys(commands).join(", ")}\n`,
    );
    return ExitCode.usage;
  }
  // One line per notice (a Swagger 2.0 document converted to OpenAPI 3.0), on stderr.
  const stopNotices = onDocumentNotice((message) => {
    process.stderr.write(`api-contracts ${name}: notice: ${message}\n`);
  });
  try {
    requireTools(name, command.tools);
    let run: Command;
    try {
      run = await command.load();
    } catch (error) {
      // A tool the entry's list missed: still one line naming the package, never a stack trace.
      throw asMissingTool(name, error) ?? error;
    }
    return await run(rest);
  } catch (error) {
    if (error instanceof ApiContractsError) {
      process.stderr.write(`api-contracts ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  } finally {
    stopNotices();
  }
}

/** True when this module is the process entry point (directly or through the npm bin symlink). */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  return script !== undefined && realpathSync(script) === fileURLToPath(import.meta.url);
}

// Tests import `main` without running the CLI.
if (isEntryPoint()) process.exitCode = await main(process.argv.slice(2));
