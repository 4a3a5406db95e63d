#!/usr/bin/env node
import { readFileSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { onDocumentNotice } from "../document/document-notices.js";
import { ApiContractsError, ExitCode } from "../errors.js";
import { closest } from "./parse-options.js";

/** A CLI command: parses its own arguments, returns the exit code. */
export type Command = (args: string[]) => Promise<number>;

/** Commands, loaded lazily so that `validate` does not pay for `codegen`'s imports. */
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  diff: {
    summary: "classify the changes between two OpenAPI documents (OLD NEW)",
    load: () => import("./diff-command.js").then((m) => m.run),
  },
  drift: {
    summary: "classify what upstream changed in the vendored specs (exit 1 on drift)",
    load: () => import("./drift-command.js").then((m) => m.run),
  },
  pull: {
    summary: "pull upstream into specs/ and regenerate generated/, printing the diff",
    load: () => import("./pull-command.js").then((m) => m.run),
  },
  codegen: {
    summary: "generate generated/<api>/ from specs/ (--check: verify)",
    load: () => import("./codegen-command.js").then((m) => m.run),
  },
  vendor: {
    summary: "rebuild specs/<api>/ from upstream copies (--check: verify)",
    load: () => import("./vendor-command.js").then((m) => m.run),
  },
  validate: {
    summary: "check a response body against the vendored spec (--api --operation FILE)",
    load: () => import("./validate-command.js").then((m) => m.run),
  },
  test: {
    summary: "run the contract suite (--target mock|live, --api, --strict-examples)",
    load: () => import("./test-command.js").then((m) => m.run),
  },
  replay: {
    summary: "re-check recorded traffic against a spec (DIR --spec FILE; exit 1 if it contradicts)",
    load: () => import("./replay-command.js").then((m) => m.run),
  },
  report: {
    summary: "merge the reports of a sharded contract run (merge DIR... [--out DIR])",
    load: () => import("./report-command.js").then((m) => m.run),
  },
  sandbox: {
    summary: "run the vendor-API sandbox until Ctrl-C (--scenario: drift)",
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
    return await (await command.load())(rest);
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
