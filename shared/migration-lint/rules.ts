import type { RuleInfo } from './rule-info.ts';
import { BREAKING_RULES } from './rules/breaking.ts';
import { LOCKING_RULES } from './rules/locking.ts';
import { PROCESS_RULES } from './rules/process.ts';
import { STYLE_RULES } from './rules/style.ts';

export type { LintSeverity, RuleCategory, RuleInfo } from './rule-info.ts';

/**
 * Every rule, by id. The ids are squawk's where squawk has the rule (so teams moving from squawk
 * keep their vocabulary); each is documented in docs/migration-lint.md.
 */
const ALL = {
  ...LOCKING_RULES,
  ...BREAKING_RULES,
  ...PROCESS_RULES,
  ...STYLE_RULES,
} satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof ALL;

export const RULES: Record<RuleId, RuleInfo> = ALL;

export const RULE_IDS = Object.keys(RULES) as RuleId[];

export function isRuleId(name: string): name is RuleId {
  return Object.hasOwn(RULES, name);
}

export function ruleInfo(id: RuleId): RuleInfo {
  return RULES[id];
}
