import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type PrismIsolation,
  type PrismServer,
  PrismStartError,
  startPrism,
} from "../../../src/contract/targets/prism-server.js";

const GCORE_SPEC = "specs/gcore-billing/openapi.yaml";
const MPT_SPEC = "specs/softwareone-marketplace/openapi.json";
const LIST = "/billing/org/v1/erp-invoices";
const MPT = "/public/v1/billing/invoices";
const GCORE_AUTH = { Authorization: "apikey x" };
const ISOLATIONS: PrismIsolation[] = ["in-process", "child-process"];

/** True while a process with this pid runs; a zombie (dead, not yet reaped by init) counts as gone. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // /proc/<pid>/stat: "pid (comm) state …"; Z is a zombie.
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

async function get(base: string, path: string, headers: Record<string, string> = GCORE_AUTH) {
  const response = await fetch(`${base}${path}`, { headers });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

// One Gcore and one SoftwareOne Prism per isolation: four Prisms, all started in parallel.
const servers = new Map<PrismIsolation, { gcore: PrismServer; mpt: PrismServer }>();
beforeAll(async () => {
  await Promise.all(
    ISOLATIONS.map(async (isolation) => {
      const [gcore, mpt] = await Promise.all([
        startPrism({ specFile: GCORE_SPEC, mode: "dynamic", seed: 7, isolation }),
        startPrism({ specFile: MPT_SPEC, mode: "dynamic", seed: 7, isolation }),
      ]);
      servers.set(isolation, { gcore, mpt });
    }),
  );
});
afterAll(async () => {
  await Promise.all(
    [...servers.values()].flatMap(({ gcore, mpt }) => [gcore.close(), mpt.close()]),
  );
});

const server = (isolation: PrismIsolation) => {
  const pair = servers.get(isolation);
  if (!pair) throw new Error(`no ${isolation} Prism started`);
  return pair;
};

describe.each(ISOLATIONS)("startPrism, %s", (isolation) => {
  it.each([
    [
      "the list with an API key: 200 JSON",
      { api: "gcore", path: LIST, headers: GCORE_AUTH, status: 200, type: "application/json" },
    ],
    [
      "a retrieve with Prefer: code=404: 404",
      {
        api: "gcore",
        path: `${LIST}/1`,
        headers: { ...GCORE_AUTH, Prefer: "code=404" },
        status: 404,
        type: null,
      },
    ],
    [
      "a bad enum value: 422 (the spec forbids the request)",
      {
        api: "gcore",
        path: `${LIST}?payment_state=bogus`,
        headers: GCORE_AUTH,
        status: 422,
        type: "application/problem+json",
      },
    ],
    [
      "a path id that is not an integer: 422",
      {
        api: "gcore",
        path: `${LIST}/abc`,
        headers: GCORE_AUTH,
        status: 422,
        type: "application/problem+json",
      },
    ],
    ["no credentials: 401", { api: "gcore", path: LIST, headers: {}, status: 401, type: null }],
    [
      "a SoftwareOne invoice with a bearer token: 200 JSON",
      {
        api: "mpt",
        path: `${MPT}/INV-1`,
        headers: { Authorization: "Bearer t" },
        status: 200,
        type: "application/json",
      },
    ],
    [
      "a SoftwareOne invoice with Prefer: code=404: 404 JSON",
      {
        api: "mpt",
        path: `${MPT}/INV-1`,
        headers: { Authorization: "Bearer t", Prefer: "code=404" },
        status: 404,
        type: "application/json",
      },
    ],
  ] as const)("answers %s", async (_name, { api, path, headers, status, type }) => {
    const response = await get(server(isolation)[api].url, path, headers);
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toBe(type);
  });

  it("runs two instances at once on distinct loopback ports", () => {
    const { gcore, mpt } = server(isolation);
    expect(gcore.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mpt.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(gcore.url).not.toBe(mpt.url);
    expect(gcore.specFile).toBe(resolve(GCORE_SPEC));
    expect(gcore.pid === undefined).toBe(isolation === "in-process");
  });

  it("answers the same dynamic body to the same request (fixed seed)", async () => {
    const { gcore } = server(isolation);
    const first = await get(gcore.url, `${LIST}?limit=2`);
    const second = await get(gcore.url, `${LIST}?limit=2`);
    expect(JSON.parse(second.text)).toEqual(JSON.parse(first.text));
  });
});

describe("startPrism options and lifecycle", () => {
  it("generates the same bodies in-process as the prism CLI does, and other bodies with another seed", async () => {
    const inProcess = await get(server("in-process").gcore.url, LIST);
    const child = await get(server("child-process").gcore.url, LIST);
    expect(JSON.parse(inProcess.text)).toEqual(JSON.parse(child.text));
    const other = await startPrism({ specFile: GCORE_SPEC, mode: "dynamic", seed: 8 });
    try {
      expect(JSON.parse((await get(other.url, LIST)).text)).not.toEqual(JSON.parse(inProcess.text));
    } finally {
      await other.close();
    }
  });

  it("answers from the schema in static mode and reports Gcore's 'string' amounts in sl-violations", async () => {
    const prism = await startPrism({ specFile: GCORE_SPEC, mode: "static" });
    try {
      const response = await get(prism.url, LIST);
      expect(JSON.parse(response.text).results[0].amount_total).toBe("string");
      expect(response.headers.get("sl-violations")).toContain("amount_total must match pattern");
    } finally {
      await prism.close();
    }
  });

  it("turns that response violation into an error with errors: true", async () => {
    const prism = await startPrism({ specFile: GCORE_SPEC, mode: "static", errors: true });
    try {
      expect((await get(prism.url, LIST)).status).toBe(500);
    } finally {
      await prism.close();
    }
  });

  it.each(ISOLATIONS)(
    "close() stops a %s Prism: no process, no listener; a second close() is harmless",
    async (isolation) => {
      const prism = await startPrism({ specFile: GCORE_SPEC, mode: "dynamic", isolation });
      expect((await get(prism.url, LIST)).status).toBe(200);
      await prism.close();
      await prism.close();
      await expect(fetch(`${prism.url}${LIST}`)).rejects.toThrow();
      if (prism.pid !== undefined) expect(isAlive(prism.pid)).toBe(false);
    },
  );

  it.each(
    ISOLATIONS.flatMap((isolation) => [
      [isolation, "test/fixtures/contract/absent.yaml", /the file does not exist/],
      [
        isolation,
        "test/fixtures/contract/malformed-spec.yaml",
        /Error parsing .*malformed-spec\.yaml/,
      ],
      [
        isolation,
        "test/fixtures/contract/no-operations.yaml",
        /no operations found|No operations found/,
      ],
    ]),
  )(
    "%s: rejects %s with a PrismStartError naming the file",
    async (isolation, specFile, reason) => {
      const attempt = startPrism({
        specFile,
        mode: "dynamic",
        isolation: isolation as PrismIsolation,
      });
      await expect(attempt).rejects.toBeInstanceOf(PrismStartError);
      await expect(attempt).rejects.toThrow(`Prism failed to start on ${resolve(specFile)}: `);
      await expect(attempt).rejects.toThrow(reason);
    },
  );
});

describe("a child-process Prism never outlives the process that started it", () => {
  /** Runs the holder fixture, which starts a Prism, prints its pid and ends as told. */
  function runHolder(
    how: string,
  ): Promise<{ pid: number; exit: number | null; signal: string | null }> {
    return new Promise((done, fail) => {
      const holder = spawn(
        process.execPath,
        ["--import", "tsx", "test/fixtures/contract/prism-holder.ts", how],
        {
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      let output = "";
      holder.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
      });
      holder.stderr.resume();
      holder.on("error", fail);
      holder.on("exit", (exit, signal) => done({ pid: Number.parseInt(output, 10), exit, signal }));
    });
  }

  // Concurrent tests must use the expect of their own context.
  it.concurrent.for([
    ["exit", { exit: 0, signal: null }],
    ["SIGTERM", { exit: null, signal: "SIGTERM" }],
    ["SIGINT", { exit: null, signal: "SIGINT" }],
    ["uncaught", { exit: 1, signal: null }],
    ["forgotten", { exit: 0, signal: null }],
  ] as const)("when it ends by %s", async ([how, want], { expect }) => {
    const result = await runHolder(how);
    expect({ exit: result.exit, signal: result.signal }).toEqual(want);
    expect(result.pid).toBeGreaterThan(0);
    // The group was sent SIGKILL synchronously on the way out; the kernel takes a moment to act.
    await expect.poll(() => isAlive(result.pid), { timeout: 3_000, interval: 50 }).toBe(false);
  });
});
