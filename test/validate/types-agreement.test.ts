/**
 * The generated types (generated/<api>/types.ts, openapi-typescript) and the validators agree on
 * every nullable and required decision of both vendored specs. For every property of every
 * response body, the validator is asked (is a body without it / with null accepted?) and the
 * TypeScript checker is asked (is the property optional? does its type admit null?); the answers
 * must be the same.
 */
import { join } from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { listOperations, listResponseBodies } from "../../src/codegen/list-operations.js";
import { validateResponseWith } from "../../src/runtime/validate/validate-with-module.js";
import { type CompiledApi, compileSpecFile, root, VENDORED } from "./compile-validators.js";
import { effective, sampleBody } from "./schema-walk.js";

type Json = Record<string, unknown>;

/** One property of one response body, with the TypeScript expression for its parent object. */
interface Decision {
  readonly api: string;
  readonly label: string;
  readonly parentType: string;
  readonly property: string;
  readonly validatorRequired: boolean;
  readonly validatorNullable: boolean;
}

function escapeToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

function withValue(body: unknown, path: string[], value: unknown, remove: boolean): unknown {
  const copy = structuredClone(body) as Json;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Json;
  const last = path.at(-1) as string;
  if (remove) delete node[last];
  else node[last] = value;
  return copy;
}

function decisionsOf(api: CompiledApi): Decision[] {
  const decisions: Decision[] = [];
  for (const op of listOperations(api.document, api.api)) {
    for (const body of listResponseBodies(api.document, op, api.api)) {
      if (body.validator === null) continue;
      const sample = sampleBody(api.document, body.schema as Json, body.pointer);
      const accepts = (mutated: unknown) =>
        validateResponseWith(api.index, api.module, {
          operation: op.key,
          status: body.status,
          contentType: body.mediaType,
          body: mutated,
        }).valid;
      expect(accepts(sample)).toBe(true);
      const rootType = `paths[${JSON.stringify(op.path)}][${JSON.stringify(op.method)}]["responses"][${JSON.stringify(body.status)}]["content"][${JSON.stringify(body.mediaType)}]`;
      const walk = (
        node: Json,
        at: string,
        path: string[],
        type: string,
        value: unknown,
        depth: number,
      ): void => {
        if (depth > 8 || value === null || typeof value !== "object") return;
        const eff = effective(api.document, node, at);
        if (Array.isArray(value)) {
          const item = eff.items[0];
          if (item && value.length > 0) {
            walk(
              { allOf: eff.items.map((i) => i.node) },
              item.pointer,
              [...path, "0"],
              `NonNullable<${type}>[number]`,
              value[0],
              depth + 1,
            );
          }
          return;
        }
        for (const [name, nodes] of eff.properties) {
          const first = nodes[0];
          if (!first || !(name in (value as Json))) continue;
          const childPath = [...path, name];
          decisions.push({
            api: api.api,
            label: `${op.key} ${body.status} /${childPath.map(escapeToken).join("/")}`,
            parentType: type,
            property: name,
            validatorRequired: !accepts(withValue(sample, childPath, undefined, true)),
            validatorNullable: accepts(withValue(sample, childPath, null, false)),
          });
          const childType = `NonNullable<${type}>[${JSON.stringify(name)}]`;
          walk(
            { allOf: nodes.map((n) => n.node) },
            first.pointer,
            childPath,
            childType,
            (value as Json)[name],
            depth + 1,
          );
        }
      };
      walk(body.schema as Json, body.pointer, [], rootType, sample, 0);
    }
  }
  return decisions;
}

/** For each decision, [optional, nullable] as the TypeScript checker sees the generated types. */
function typeAnswers(decisions: readonly Decision[]): Map<Decision, [boolean, boolean]> {
  const file = join(root, "test/validate/__types-agreement__.ts");
  const lines = [
    ...Object.keys(VENDORED).map(
      (api, i) => `import type { paths as paths${i} } from "../../generated/${api}/types.js";`,
    ),
    "type Optional<T, K extends keyof T> = {} extends Pick<T, K> ? true : false;",
    "type Nullable<T> = null extends T ? true : false;",
    ...decisions.map((d, i) => {
      const paths = `paths${Object.keys(VENDORED).indexOf(d.api)}`;
      const parent = `NonNullable<${d.parentType.replace(/\bpaths\[/g, `${paths}[`)}>`;
      return `export type D${i} = [Optional<${parent}, ${JSON.stringify(d.property)}>, Nullable<${parent}[${JSON.stringify(d.property)}]>];`;
    }),
  ];
  const text = lines.join("\n");
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => (name === file ? text : readFile(name));
  host.fileExists = (name) => name === file || ts.sys.fileExists(name);
  host.getSourceFile = (name, version, onError, create) =>
    name === file
      ? ts.createSourceFile(name, text, version)
      : getSourceFile(name, version, onError, create);
  const program = ts.createProgram([file], options, host);
  const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName === file);
  expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual([]);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file) as ts.SourceFile;
  const answers = new Map<Decision, [boolean, boolean]>();
  for (const statement of source.statements) {
    if (!ts.isTypeAliasDeclaration(statement) || !statement.name.text.startsWith("D")) continue;
    const decision = decisions[Number(statement.name.text.slice(1))] as Decision;
    const shown = checker.typeToString(
      checker.getTypeAtLocation(statement.type),
      undefined,
      ts.TypeFormatFlags.InTypeAlias,
    );
    const match = /^\[(true|false), (true|false)\]$/.exec(shown);
    if (!match) throw new Error(`${decision.label}: unexpected type ${shown}`);
    answers.set(decision, [match[1] === "true", match[2] === "true"]);
  }
  return answers;
}

describe("generated types and validators agree", () => {
  const decisions: Decision[] = [];
  let answers: Map<Decision, [boolean, boolean]>;
  beforeAll(async () => {
    for (const [id, file] of Object.entries(VENDORED))
      decisions.push(...decisionsOf(await compileSpecFile(file, id)));
    answers = typeAnswers(decisions);
  }, 120_000);

  it("finds the decisions of both specs (Gcore invoices, SoftwareOne invoice and problem)", () => {
    expect(decisions.filter((d) => d.api === "gcore-billing").length).toBeGreaterThanOrEqual(21);
    expect(decisions.filter((d) => d.api === "softwareone-marketplace").length).toBeGreaterThan(
      150,
    );
    // Both answers occur, so neither side can agree by always saying the same thing.
    expect(new Set(decisions.map((d) => d.validatorRequired))).toEqual(new Set([true, false]));
    expect(new Set(decisions.map((d) => d.validatorNullable))).toEqual(new Set([true, false]));
  });

  it("agrees on every required decision", () => {
    const disagreements = decisions
      .filter((d) => (answers.get(d)?.[0] ?? true) === d.validatorRequired)
      .map((d) => `${d.label}: validator says ${d.validatorRequired ? "required" : "optional"}`);
    expect(disagreements).toEqual([]);
  });

  it("agrees on every nullable decision", () => {
    const disagreements = decisions
      .filter((d) => answers.get(d)?.[1] !== d.validatorNullable)
      .map(
        (d) => `${d.label}: validator says ${d.validatorNullable ? "nullable" : "not nullable"}`,
      );
    expect(disagreements).toEqual([]);
  });

  it.each([
    [
      "gcore-billing",
      "v1_erp_invoices_list 200 /results/0/invoice_date",
      { required: true, nullable: true },
    ],
    [
      "gcore-billing",
      "v1_erp_invoices_list 200 /results/0/payer_id",
      { required: true, nullable: false },
    ],
    ["gcore-billing", "v1_erp_invoices_list 200 /next", { required: false, nullable: true }],
    [
      "softwareone-marketplace",
      "GET /public/v1/billing/invoices/{id} 200 /$meta",
      { required: false, nullable: true },
    ],
    [
      "softwareone-marketplace",
      "GET /public/v1/billing/invoices/{id} 200 /audit",
      { required: false, nullable: false },
    ],
    [
      "softwareone-marketplace",
      "GET /public/v1/billing/invoices/{id} 200 /client/name",
      { required: true, nullable: false },
    ],
  ])("%s %s", (api, label, want) => {
    const decision = decisions.find((d) => d.api === api && d.label === label);
    expect(
      decision && { required: decision.validatorRequired, nullable: decision.validatorNullable },
    ).toEqual(want);
    expect(decision && answers.get(decision)).toEqual([!want.required, want.nullable]);
  });
});
