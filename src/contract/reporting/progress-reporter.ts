/**
 * Per-API progress of a contract run, as a vitest reporter (the default one of `api-contracts
 * test`): on a terminal one line rewritten in place with each API's cases done / total and
 * failures so far; without a terminal (CI logs) one plain line each time an operation's cases
 * finish. Always on stderr, so stdout stays the summary.
 */
import type { TestAnnotation } from "vitest";
import type { Reporter, TestCase, TestModule } from "vitest/node";
import { NAME_SEPARATOR, PAGE_ANNOTATION } from "../vitest/test-name.js";

interface ApiProgress {
  total: number;
  done: number;
  failed: number;
}

type Stream = NodeJS.WritableStream & { isTTY?: boolean };

/** The API a test belongs to (the first part of its name). */
function apiOf(test: TestCase): string {
  return test.name.split(NAME_SEPARATOR)[0] ?? test.name;
}

/** A reporter writing progress to `stream`. */
export function createProgressReporter(stream: Stream = process.stderr): Reporter {
  const progress = new Map<string, ApiProgress>();
  let open = false;
  const of = (api: string): ApiProgress => {
    let entry = progress.get(api);
    if (!entry) {
      entry = { total: 0, done: 0, failed: 0 };
      progress.set(api, entry);
    }
    return entry;
  };
  const text = (api: string, p: ApiProgress) =>
    `${api}: ${p.done}/${p.total} cases, ${p.failed} failed`;
  const render = () => {
    if (!stream.isTTY) return;
    const line = [...progress].map(([api, p]) => text(api, p)).join("  ·  ");
    stream.write(`\r\u001b[2K${line}`);
    open = true;
  };
  return {
    onTestRunStart() {
      progress.clear();
    },
    onTestModuleCollected(module: TestModule) {
      for (const test of module.children.allTests()) {
        if (test.options.mode === "run") of(apiOf(test)).total++;
      }
      render();
    },
    onTestCaseResult(test: TestCase) {
      const state = test.result().state;
      // Tests left out by -t are reported as skipped; they were never counted in the total.
      if (state === "pending" || test.options.mode !== "run") return;
      const entry = of(apiOf(test));
      entry.done++;
      if (state === "failed") entry.failed++;
      render();
    },
    onTestCaseAnnotate(_test: TestCase, annotation: TestAnnotation) {
      if (annotation.type !== PAGE_ANNOTATION) return;
      if (stream.isTTY) {
        stream.write(`\r\u001b[2K${annotation.message}`);
        open = true;
      } else {
        stream.write(`${annotation.message}\n`);
      }
    },
    onTestModuleEnd(module: TestModule) {
      if (stream.isTTY) return;
      const tests = [...module.children.allTests()];
      const first = tests[0];
      if (!first) return;
      const api = apiOf(first);
      const operation = first.name.split(NAME_SEPARATOR)[1] ?? "";
      stream.write(`${text(api, of(api))} (${operation} done)\n`);
    },
    onTestRunEnd() {
      if (open) stream.write("\n");
      open = false;
    },
  };
}
