import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import jsYaml from "js-yaml";
import { afterAll, describe, expect, it } from "vitest";
import type { Json } from "./edit-specs.js";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const workflowFile = join(repo, ".github/workflows/contracts.yml");
const workflowText = readFileSync(workflowFile, "utf8");
const workflow = jsYaml.load(workflowText) as Json;
const validator = join(repo, "node_modules/.bin/action-validator");
const scratch = mkdtempSync(join(tmpdir(), "api-contracts-workflow-"));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function validate(file: string): number | null {
  return spawnSync(validator, [file], { encoding: "utf8" }).status;
}

const steps = (job: string): Json[] => workflow.jobs[job].steps;
const runs = (job: string): string[] =>
  steps(job).flatMap((s) => (s.run ? [String(s.run).trim()] : []));

describe(".github/workflows/contracts.yml", () => {
  it("passes action-validator", () => {
    expect(validate(workflowFile)).toBe(0);
  });

  it.each<[string, string, string]>([
    ["a misspelt runs-on", "runs-on: ubuntu-latest", "run-on: ubuntu-latest"],
    ["an unknown trigger", "  pull_request:", "  pull_requests:"],
    ["a malformed cron", 'cron: "17 5 * * *"', "cron: 5"],
  ])("is rejected by action-validator with %s (the check can fail)", (_name, from, to) => {
    expect(workflowText).toContain(from);
    const broken = join(scratch, "broken.yml");
    writeFileSync(broken, workflowText.replace(from, to));
    expect(validate(broken)).not.toBe(0);
  });

  it("runs npm ci && npm test on pull requests, without secrets", () => {
    expect(workflow.on).toHaveProperty("pull_request");
    expect(workflow.jobs.test.if).toBe("github.event_name == 'pull_request'");
    expect(runs("test")).toEqual(["npm ci", "npm test"]);
    expect(JSON.stringify(workflow.jobs.test)).not.toContain("secrets.");
  });

  it("runs specs:drift and contract:live daily with the vendor secrets, and keeps reports/", () => {
    expect(workflow.on.schedule[0].cron).toMatch(/^\d+ \d+ \* \* \*$/);
    expect(workflow.on).toHaveProperty("workflow_dispatch");
    const job = "drift-and-live-contracts";
    const commands = runs(job).join("\n");
    expect(commands).toContain("npm ci");
    expect(commands).toContain("npm run --silent specs:drift");
    expect(commands).toContain("npm run contract:live");
    const live = steps(job).find((s) => String(s.run).includes("contract:live"));
    const secret = (name: string) => `\${{ secrets.${name} }}`;
    expect(live.env).toEqual({
      GCORE_API_KEY: secret("GCORE_API_KEY"),
      MPT_API_TOKEN: secret("MPT_API_TOKEN"),
      MPT_INVOICE_IDS: secret("MPT_INVOICE_IDS"),
    });
    const upload = steps(job).find((s) => String(s.uses).startsWith("actions/upload-artifact@"));
    expect(upload.if).toBe("always()");
    expect(upload.with.path).toBe("reports/");
  });

  it("uses Node 20 with the npm cache on checkout@v4 and setup-node@v4", () => {
    for (const job of Object.keys(workflow.jobs)) {
      expect(steps(job)[0].uses).toBe("actions/checkout@v4");
      expect(steps(job)[1]).toEqual({
        uses: "actions/setup-node@v4",
        with: { "node-version": 20, cache: "npm" },
      });
    }
  });
});
