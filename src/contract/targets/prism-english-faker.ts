/**
 * A start-up shortcut for a child-process Prism, loaded before Prism's own modules (`node --import`).
 *
 * Prism's mocker (`@stoplight/prism-http`, `mocker/generator/JSONSchema.js`) requires
 * `@faker-js/faker` and uses only its default export, the English faker, for `x-faker` keywords.
 * The package's entry (version 6, what Prism 5 depends on) first builds a Faker holding every one
 * of its 58 locales: about 0.7 of the 1.9 CPU-seconds a `prism mock` takes to listen. The
 * package's own `@faker-js/faker/locale/en` build is the same English faker (locale and fallback
 * `en`, the same definitions) without the rest. This preload answers Prism's require of the entry
 * with that build; every other export is taken from the real entry when first read.
 *
 * It applies only to faker 6 (another major has another layout: its require is left alone), and a
 * failure inside falls back to the real entry, so the worst case is the slower start, never another
 * faker. The in-process Prism is not touched: this patches module loading, which only a process
 * we own entirely (the child) may have patched.
 */

/** The preload's source: an ES module using Node's CommonJS loader hook `Module._load`. */
const SOURCE = `import Module from "node:module";
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === "@faker-js/faker") {
    try {
      const meta = load.call(this, "@faker-js/faker/package.json", parent, isMain);
      if (typeof meta?.version === "string" && meta.version.startsWith("6.")) {
        const english = load.call(this, "@faker-js/faker/locale/en", parent, isMain);
        const full = () => load.call(this, request, parent, isMain);
        return {
          __esModule: true,
          default: english,
          faker: english,
          get Faker() { return full().Faker; },
          get FakerError() { return full().FakerError; },
          get Gender() { return full().Gender; },
        };
      }
    } catch {}
  }
  return load.apply(this, arguments);
};
`;

/** `node --import` argument that installs the shortcut (a `data:` module: no file to ship or find). */
export const PRISM_ENGLISH_FAKER = `data:text/javascript,${encodeURIComponent(SOURCE)}`;
