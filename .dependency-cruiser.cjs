// The layers of README "How it works", enforced by `npm run lint` (dependency-cruiser resolves every
// import, relative or not, to a real file, so a rule is about folders, not import strings).
// Lowest first: errors.ts ← runtime ← document ← codegen ← generated ← validate ← contract, with
// generate (values from schemas) below contract, drift beside it, the sandbox beside them, replay and the vitest entry above
// contract, and cli on top. A module imports from its own layer or a lower one only.
/** @type {(from: string, allowed: string[], why: string) => import('dependency-cruiser').IForbiddenRuleType} */
const layer = (from, allowed, why) => ({
  name: `layer-${from.replace(/[^a-z]+/g, "-").replace(/^-|-$/g, "")}`,
  comment: why,
  severity: "error",
  from: { path: `^${from}` },
  to: {
    path: "^(src|generated)/",
    pathNot: [`^${from}`, ...allowed.map((folder) => `^${folder}`)],
  },
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    layer("src/errors\\.ts", [], "the error root is the lowest layer: it imports nothing of ours"),
    layer(
      "src/runtime/",
      ["src/errors\\.ts"],
      "runtime is what generated code and consumers load: it sees only the error root",
    ),
    layer(
      "src/document/",
      ["src/errors\\.ts", "src/runtime/"],
      "document handling sits below codegen, validation, contract and drift",
    ),
    layer(
      "src/codegen/",
      ["src/errors\\.ts", "src/runtime/", "src/document/"],
      "codegen compiles documents; it never reaches up into what runs its output",
    ),
    layer(
      "generated/",
      ["src/runtime/"],
      "generated code imports only the runtime, as it does in a consumer's install",
    ),
    layer(
      "src/validate/",
      ["src/errors\\.ts", "src/runtime/", "generated/"],
      "validateResponse reads generated output through the runtime",
    ),
    layer(
      "src/contract/",
      [
        "src/errors\\.ts",
        "src/runtime/",
        "src/document/",
        "generated/",
        "src/validate/",
        "src/generate/",
      ],
      "the contract suite runs generated clients, validators and generated values; it never compiles a document",
    ),
    layer(
      "src/drift/",
      ["src/errors\\.ts", "src/runtime/", "src/document/"],
      "drift compares documents; it sits beside contract and below cli",
    ),
    layer(
      "src/generate/",
      ["src/errors\\.ts", "src/runtime/", "src/document/"],
      "request generation works from documents; the caller hands it a validator",
    ),
    layer(
      "src/vitest/",
      [
        "src/errors\\.ts",
        "src/runtime/",
        "src/document/",
        "generated/",
        "src/validate/",
        "src/contract/",
      ],
      "the matcher entry reads the generated APIs the way the contract suite does",
    ),
    layer(
      "src/replay/",
      [
        "src/errors\\.ts",
        "src/runtime/",
        "src/document/",
        "src/codegen/",
        "generated/",
        "src/validate/",
        "src/contract/",
      ],
      "replay compiles a new document and reports like a contract run: it sits above both",
    ),
    layer(
      "src/sandbox/",
      ["src/errors\\.ts", "src/runtime/"],
      "the sandbox is a vendor stand-in: it knows the wire, not the toolkit",
    ),
    {
      name: "no-package-entry-inside",
      comment: "src/index.ts is the package's public face; modules import what they need directly",
      severity: "error",
      from: { path: "^(src|generated)/", pathNot: "^src/index\\.ts$" },
      to: { path: "^src/index\\.ts$" },
    },
    {
      name: "no-circular",
      comment: "a cycle makes load order matter and layers meaningless",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|dist)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".js", ".d.ts"],
    },
  },
};
