/**
 * The child-process Prism's start-up shortcut (src/contract/targets/prism-english-faker.ts): with it,
 * Prism's own generator module loads faker's English locale alone and gets the same English faker;
 * without it, every locale loads; Prism's generator answers `x-faker` properties from the English
 * definitions; another faker major is left alone. (That a child-process Prism started this way
 * answers as the in-process one does, which has no shortcut, is test/contract/targets/prism-server.)
 */
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRISM_ENGLISH_FAKER } from "../../../src/contract/targets/prism-english-faker.js";

/** Prism's generator module, the one that requires `@faker-js/faker`. */
const prismRequire = createRequire(
  createRequire(import.meta.url).resolve("@stoplight/prism-cli/package.json"),
);
const GENERATOR = createRequire(prismRequire.resolve("@stoplight/prism-http")).resolve(
  "@stoplight/prism-http/dist/mocker/generator/JSONSchema.js",
);
/** A schema whose values Prism asks faker for. */
const X_FAKER_SCHEMA = {
  type: "object",
  required: ["name", "email"],
  properties: {
    name: { type: "string", "x-faker": "name.firstName" },
    email: { type: "string", "x-faker": "internet.email" },
  },
};

interface FakerFacts {
  /** Locale folders of faker's CommonJS build that were loaded. */
  readonly locales: string[];
  readonly locale: string;
  readonly firstNames: string[];
  readonly exports: Record<string, string>;
  /** What Prism's generator made of X_FAKER_SCHEMA. */
  readonly generated: { name: string; email: string };
}

/** Loads Prism's generator in a fresh Node (with the shortcut or not) and reports what faker gave it. */
function fakerFacts(withShortcut: boolean): FakerFacts {
  const script = `
    const generator = ${JSON.stringify(GENERATOR)};
    const { generate } = require(generator);
    // Counted before anything else reads faker: its other exports come from the whole entry.
    const locales = new Set(Object.keys(require.cache)
      .filter((file) => file.includes("/@faker-js/faker/dist/cjs/locales/"))
      .map((file) => file.split("/locales/")[1].split("/")[0]));
    // Required as Prism requires it (the same request from the same folder).
    const faker = require("node:module").createRequire(generator)("@faker-js/faker");
    const exports = Object.fromEntries(["default", "faker", "Faker", "FakerError", "Gender"]
      .map((key) => [key, typeof faker[key]]));
    process.stdout.write(JSON.stringify({
      locales: [...locales].sort(),
      locale: faker.default.locale,
      firstNames: faker.default.definitions.name.first_name,
      exports,
      generated: generate({}, {}, ${JSON.stringify(X_FAKER_SCHEMA)}, "1").right,
    }));`;
  const args = withShortcut ? ["--import", PRISM_ENGLISH_FAKER, "-e", script] : ["-e", script];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: "utf8" })) as FakerFacts;
}

describe("the English faker shortcut", () => {
  it("Prism's generator loads faker's English locale alone, and gets the same English faker", () => {
    const plain = fakerFacts(false);
    const shortcut = fakerFacts(true);
    // Without it every locale loads: the cost the shortcut exists for.
    expect(plain.locales.length).toBeGreaterThan(40);
    expect(shortcut.locales).toEqual(["en"]);
    expect(shortcut.locale).toBe(plain.locale);
    expect(shortcut.firstNames).toEqual(plain.firstNames);
    expect(shortcut.exports).toEqual(plain.exports);
    // Prism's x-faker values come from the English definitions, as without the shortcut.
    for (const { generated } of [plain, shortcut]) {
      expect(plain.firstNames).toContain(generated.name);
      expect(generated.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
    }
  });

  describe("another faker major", () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "english-faker-"));
      const faker = join(dir, "node_modules/@faker-js/faker");
      await mkdir(join(faker, "locale"), { recursive: true });
      await writeFile(
        join(faker, "package.json"),
        JSON.stringify({
          name: "@faker-js/faker",
          version: "8.0.0",
          main: "index.js",
          exports: {
            ".": "./index.js",
            "./locale/*": "./locale/*.js",
            "./package.json": "./package.json",
          },
        }),
      );
      await writeFile(join(faker, "index.js"), 'module.exports = { build: "whole" };\n');
      await writeFile(join(faker, "locale/en.js"), 'module.exports = { build: "english" };\n');
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it("is left alone: its require gets the package's own entry", () => {
      const out = execFileSync(
        process.execPath,
        [
          "--import",
          PRISM_ENGLISH_FAKER,
          "-e",
          'process.stdout.write(require("@faker-js/faker").build)',
        ],
        { cwd: dir, encoding: "utf8" },
      );
      expect(out).toBe("whole");
    });
  });
});
