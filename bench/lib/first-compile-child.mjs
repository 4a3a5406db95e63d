/**
 * The reference of first-validation latency, in a fresh process: what validating one response costs
 * when the validator is compiled by ajv at run time. Reads the prepared (nullable-normalised)
 * schemas (argv[2]: JSON with `components` and the response schema's path item) and the body
 * (argv[4]) before timing, then times importing ajv and ajv-formats, compiling the schema at the
 * JSON Pointer argv[3] (ajv 8, strict off, all errors, full formats) and the first validation.
 * Prints `{ wallMs, cpuMs }`.
 */
import { readFileSync } from "node:fs";

const [documentFile, pointer, bodyFile] = process.argv.slice(2);
const document = JSON.parse(readFileSync(documentFile, "utf8"));
const body = JSON.parse(readFileSync(bodyFile, "utf8"));
const cpu = process.cpuUsage();
const start = performance.now();
const [{ default: Ajv }, { default: addFormats }] = await Promise.all([
  import("ajv"),
  import("ajv-formats"),
]);
const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
addFormats(ajv, { mode: "full" });
ajv.addSchema(document, "doc");
const validate = ajv.compile({ $ref: `doc#${pointer}` });
const valid = validate(body);
const wallMs = performance.now() - start;
const used = process.cpuUsage(cpu);
if (!valid)
  throw new Error(`the benchmark body is invalid: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
process.stdout.write(JSON.stringify({ wallMs, cpuMs: (used.user + used.system) / 1000 }));
