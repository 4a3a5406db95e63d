import type { ChangeLevel } from "./change.js";
import type { AnyRule, Rule, RuleScope } from "./define-rule.js";
import {
  defaultChanged,
  discriminatorChanged,
  propertyDeprecation,
} from "./rules/annotation-rules.js";
import { allOfChanged, alternativesChanged } from "./rules/composition-rules.js";
import { constraintChanged } from "./rules/constraint-rules.js";
import { documentationChanged } from "./rules/documentation-rules.js";
import {
  endpointAddedOrRemoved,
  endpointDeprecation,
  operationIdChanged,
} from "./rules/endpoint-rules.js";
import { enumChanged } from "./rules/enum-rules.js";
import { nullabilityChanged } from "./rules/nullability-rules.js";
import { parameterPresence } from "./rules/parameter-rules.js";
import {
  headerParameterProperties,
  requestProperties,
  responseProperties,
} from "./rules/property-rules.js";
import { requestBodyPresence } from "./rules/request-body-rules.js";
import { responseHeaders } from "./rules/response-header-rules.js";
import { responseStatuses } from "./rules/response-status-rules.js";
import {
  globalSecurity,
  operationSecurity,
  securitySchemeChanged,
} from "./rules/security-rules.js";
import { typeChanged } from "./rules/type-rules.js";

/**
 * Every diff rule. To add one: write it in `rules/` with {@link defineRule} or `defineSchemaRule`,
 * and list it here. Ids follow oasdiff's checks where oasdiff has one.
 * @see https://github.com/oasdiff/oasdiff/blob/main/checker/localizations_src/en/messages.yaml
 */
export const RULES: readonly AnyRule[] = [
  documentationChanged,
  securitySchemeChanged,
  globalSecurity,
  endpointAddedOrRemoved,
  endpointDeprecation,
  operationIdChanged,
  operationSecurity,
  requestBodyPresence,
  responseStatuses,
  responseHeaders,
  parameterPresence,
  requestProperties,
  responseProperties,
  headerParameterProperties,
  typeChanged,
  nullabilityChanged,
  enumChanged,
  constraintChanged,
  alternativesChanged,
  allOfChanged,
  defaultChanged,
  discriminatorChanged,
  propertyDeprecation,
];

/** The rules of one scope. */
export function rulesFor<S extends RuleScope>(
  scope: S,
  rules: readonly AnyRule[] = RULES,
): Rule<S>[] {
  return rules.filter(
    (rule): rule is Extract<AnyRule, Rule<S>> => rule.scope === scope,
  ) as Rule<S>[];
}

/** Every id any rule can report, with its level (for documentation and tests). */
export function ruleLevels(rules: readonly AnyRule[] = RULES): ReadonlyMap<string, ChangeLevel> {
  const out = new Map<string, ChangeLevel>();
  for (const rule of rules) {
    for (const [id, level] of Object.entries(rule.levels)) {
      const known = out.get(id);
      if (known && known !== level)
        throw new Error(`rule id '${id}' has two levels: ${known}, ${level}`);
      out.set(id, level);
    }
  }
  return out;
}
