import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { serveSandbox } from "../../src/cli/sandbox-command.js";
import { UsageError } from "../../src/errors.js";
import { SANDBOX_SCENARIOS } from "../../src/sandbox/sandbox-scenarios.js";
import { SANDBOX_CREDENTIALS, startSandbox } from "../../src/sandbox/sandbox-server.js";
import { generateSoftwareoneInvoices } from "../../src/sandbox/softwareone-invoices.js";
import { call, GCORE_AUTH } from "../sandbox/sandbox-http.js";

const LIST = "/billing/org/v1/erp-invoices";
let stdout = "";
let stderr = "";

beforeEach(() => {
  stdout = "";
  stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

const listeningUrl = (): string => {
  const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
  if (!url) throw new Error(`no URL in:\n${stdout}`);
  return url;
};

describe("api-contracts sandbox", () => {
  it("prints the URL and its fake credentials, serves until stopped, then closes", async () => {
    let url = "";
    let status = 0;
    const code = await serveSandbox(["--port", "0", "--seed", "5"], async () => {
      url = listeningUrl();
      status = (await call(url, `${LIST}?limit=1`)).status;
      return "test over";
    });
    expect(code).toBe(0);
    expect(status).toBe(200);
    const ids = generateSoftwareoneInvoices(5, 12).map((invoice) => invoice.id);
    for (const line of [
      `GCORE_BASE_URL=${url}`,
      `GCORE_API_KEY=${SANDBOX_CREDENTIALS.gcoreApiKey}`,
      `MPT_API_BASE_URL=${url}`,
      `MPT_API_TOKEN=${SANDBOX_CREDENTIALS.mptToken}`,
      `MPT_INVOICE_IDS=${ids.join(",")}`,
    ]) {
      expect(stdout).toContain(`  ${line}\n`);
    }
    expect(stdout).toContain("not secrets");
    expect(stderr).toContain(`200 GET ${LIST}?limit=1\n`);
    expect(stderr).not.toContain(SANDBOX_CREDENTIALS.gcoreApiKey);
    expect(stderr).toContain("stopped (test over)");
    await expect(fetch(`${url}${LIST}`)).rejects.toThrow();
  });

  it("serves the scenario it is given", async () => {
    let status = 0;
    await serveSandbox(["--port", "0", "--scenario", "undocumented-500"], async () => {
      const url = listeningUrl();
      const list = await call(url, LIST);
      status = (await call(url, `${LIST}/${list.json.results[0].id}`, GCORE_AUTH)).status;
      return "done";
    });
    expect(status).toBe(500);
    expect(stdout).toContain("scenario undocumented-500");
  });

  it("prints its help with every scenario", async () => {
    expect(await serveSandbox(["--help"], () => Promise.reject(new Error("must not serve")))).toBe(
      0,
    );
    for (const name of Object.keys(SANDBOX_SCENARIOS)) expect(stdout).toContain(name);
  });

  it.each([
    [["--scenario", "nope"], /unknown scenario 'nope'; known: amount-overflow, /],
    [["--port=-1"], /--port must be an integer ≥ 0; got '-1'/],
    [["--port", "http"], /--port must be an integer ≥ 0; got 'http'/],
    [["--seed", "1.5"], /--seed must be an integer ≥ 0/],
    [["--rate-limit-every", "1"], /--rate-limit-every must be an integer ≥ 2/],
    [["--bogus"], /Unknown option '--bogus'/],
  ])("rejects %j with a usage error", async (args, message) => {
    const attempt = serveSandbox(args, () => Promise.resolve("unreachable"));
    await expect(attempt).rejects.toBeInstanceOf(UsageError);
    await expect(attempt).rejects.toThrow(message);
  });

  it("says to pass --port 0 when the port is taken", async () => {
    const taken = await startSandbox();
    try {
      const port = new URL(taken.url).port;
      await expect(serveSandbox(["--port", port], () => Promise.resolve("x"))).rejects.toThrow(
        `cannot listen on port ${port} (EADDRINUSE); pass --port 0 for a free port`,
      );
    } finally {
      await taken.close();
    }
  });
});
