/**
 * Test helper: the lab API's loader for reproducers (what load-api.ts is for generated APIs): the
 * defect-lab fixture with its validators compiled in memory.
 */
import { join } from "node:path";
import { type FixtureApi, loadFixtureApi } from "../fixture-api.js";

/** Path of the lab fixture the sandbox's seeded-defects routes implement. */
export const LAB_SPEC = join(import.meta.dirname, "fixtures/defect-lab.yaml");

/** The lab API (the only one this loader knows). */
export async function loadApi(api: string): Promise<FixtureApi> {
  if (api !== "defect-lab") throw new Error(`lab-loader knows defect-lab only, not ${api}`);
  return loadFixtureApi(LAB_SPEC, api);
}
