/** Validator naming shared by the operation index and the validator emitter. */

/** Identifier of the precompiled validator for one response body: `v_<operation>_<status>_<n>`. */
export function validatorName(operationKey: string, status: string, contentIndex: number): string {
  const op = operationKey.replace(/[^A-Za-z0-9_]/g, "_");
  return `v_${op}_${status.replace(/[^A-Za-z0-9]/g, "_")}_${contentIndex}`;
}
