/**
 * The reference for first-validation latency: the same GitHub response validated in a fresh
 * process by a validator ajv compiles at run time (lib/first-compile-child.mjs), the set-up the
 * generated validators replace.
 */
import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { listOperations, listResponseBodies } from "../../src/codegen/list-operations.js";
import { prepareDocument } from "../../src/codegen/prepare-document.js";
import { loadOpenApiFile } from "../../src/document/load-document.js";
import { GITHUB_ISSUES, githubIssuesPage } from "../github-page.js";
import { REPO_ROOT } from "./bench-specs.js";

const CHILD = join(REPO_ROOT, "bench/lib/first-compile-child.mjs");

/** Files the child reads before its timer starts. */
export interface FirstCompileInputs {
  readonly documentFile: string;
  readonly pointer: string;
  readonly bodyFile: string;
}

/**
 * Write the inputs for GitHub's `issues/list-for-repo` 200 response: the prepared document's
 * `components` and that operation's path item (ajv gets no more than it needs), and a 100-issue page.
 */
export async function prepareFirstCompile(specFile: string): Promise<FirstCompileInputs> {
  const prepared = prepareDocument(await loadOpenApiFile(specFile), specFile);
  const operation = listOperations(prepared, specFile).find(
    (o) => o.key === GITHUB_ISSUES.operation,
  );
  if (!operation) throw new Error(`${specFile} has no operation ${GITHUB_ISSUES.operation}`);
  const body = listResponseBodies(prepared, operation, specFile).find(
    (b) => b.validator === GITHUB_ISSUES.validator,
  );
  if (!body) throw new Error(`${GITHUB_ISSUES.operation} has no ${GITHUB_ISSUES.validator}`);
  const dir = join(REPO_ROOT, ".tmp/bench/first-compile");
  await mkdir(dir, { recursive: true });
  const paths = prepared.paths as Record<string, unknown>;
  const documentFile = join(dir, "document.json");
  await writeFile(
    documentFile,
    JSON.stringify({
      components: prepared.components,
      paths: { [operation.path]: paths[operation.path] },
    }),
  );
  const bodyFile = join(dir, "issues-page.json");
  await writeFile(bodyFile, JSON.stringify(githubIssuesPage(100)));
  return { documentFile, pointer: body.pointer, bodyFile };
}

/** One fresh process: import ajv → compile → first validation, wall and CPU milliseconds. */
export function firstCompileOnce(
  inputs: FirstCompileInputs,
): Promise<{ wallMs: number; cpuMs: number }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [CHILD, inputs.documentFile, inputs.pointer, inputs.bodyFile],
      { cwd: REPO_ROOT },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout) as { wallMs: number; cpuMs: number });
      },
    );
  });
}
