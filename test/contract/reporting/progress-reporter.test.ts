/**
 * The progress reporter: per-API cases done / total and failures so far, rewritten in place on a
 * terminal, one plain line per finished operation without one. Fed the shapes vitest's reporter
 * API passes (test cases with a name, a mode and a result).
 */
import { describe, expect, it } from "vitest";
import type { TestCase, TestModule } from "vitest/node";
import { createProgressReporter } from "../../../src/contract/reporting/progress-reporter.js";

function testCase(name: string, state: "passed" | "failed"): TestCase {
  return { name, options: { mode: "run" }, result: () => ({ state }) } as unknown as TestCase;
}

function moduleOf(tests: TestCase[]): TestModule {
  return { children: { allTests: () => tests } } as unknown as TestModule;
}

/** Feed two operations' tests through a reporter writing to a fake stream. */
function feed(isTTY: boolean): string {
  let written = "";
  const stream = Object.assign(
    {
      write: (chunk: string) => {
        written += chunk;
        return true;
      },
    },
    { isTTY },
  ) as unknown as NodeJS.WritableStream & { isTTY?: boolean };
  const reporter = createProgressReporter(stream);
  const list = [
    testCase("shop › orders_list › required params only", "passed"),
    testCase("shop › orders_list › status=open", "failed"),
  ];
  const retrieve = [testCase("shop › orders_retrieve › id from list item 0", "passed")];
  reporter.onTestRunStart?.([]);
  reporter.onTestModuleCollected?.(moduleOf(list));
  reporter.onTestModuleCollected?.(moduleOf(retrieve));
  for (const test of list) reporter.onTestCaseResult?.(test);
  reporter.onTestModuleEnd?.(moduleOf(list));
  for (const test of retrieve) reporter.onTestCaseResult?.(test);
  reporter.onTestModuleEnd?.(moduleOf(retrieve));
  reporter.onTestRunEnd?.([], [], "failed");
  return written;
}

describe("progress reporter", () => {
  it.each([
    [
      "no terminal: one plain line per finished operation",
      {
        given: false,
        want: "shop: 2/3 cases, 1 failed (orders_list done)\nshop: 3/3 cases, 1 failed (orders_retrieve done)\n",
      },
    ],
    [
      "a terminal: one line rewritten in place, ended at the run's end",
      {
        given: true,
        want: [
          "\r\u001b[2Kshop: 0/2 cases, 0 failed",
          "\r\u001b[2Kshop: 0/3 cases, 0 failed",
          "\r\u001b[2Kshop: 1/3 cases, 0 failed",
          "\r\u001b[2Kshop: 2/3 cases, 1 failed",
          "\r\u001b[2Kshop: 3/3 cases, 1 failed",
          "\n",
        ].join(""),
      },
    ],
  ])("%s", (_name, { given, want }) => {
    expect(feed(given)).toBe(want);
  });
});
