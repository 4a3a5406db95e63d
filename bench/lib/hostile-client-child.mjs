/**
 * Child process of bench/hostile-vendor-bench.ts: the built Gcore client, with its default limits
 * (50 MiB, 30 s), asks the vendor at argv[2] for the invoice list and prints what happened as JSON.
 * Plain JavaScript run from dist/, as a consumer of the package runs it.
 */
import { createGcoreBillingClient } from "../../dist/generated/gcore-billing/client.js";

const started = performance.now();
const client = createGcoreBillingClient({ apiKey: "bench-not-a-secret", baseUrl: process.argv[2] });
let outcome;
try {
  const { response } = await client.GET("/billing/org/v1/erp-invoices");
  outcome = `status ${response.status}`;
} catch (error) {
  outcome = error instanceof Error ? error.name : String(error);
}
process.stdout.write(JSON.stringify({ outcome, ms: Math.round(performance.now() - started) }));
