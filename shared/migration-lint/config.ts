import { z } from 'zod';
import { RULE_IDS, type RuleId } from './rules.ts';

/**
 * `rollgate-lint.json`: what the target server is, which opt-in rules to run, and exclusions
 * that must each say why (a missing reason is a finding, not a silent pass).
 */
export const lintConfigSchema = z
  .object({
    server_version: z.number().int().min(9).max(99).optional(),
    assume_in_transaction: z.boolean().optional(),
    enable: z.array(z.string()).optional(),
    exclusions: z
      .array(
        z
          .object({
            rule: z.string().min(1),
            /** File names (or `*` patterns) the exclusion covers; all files when absent. */
            files: z.array(z.string().min(1)).optional(),
            reason: z.string().optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

export type LintConfig = z.infer<typeof lintConfigSchema>;

export interface ConfigExclusion {
  rule: string;
  files?: string[] | undefined;
  reason?: string | undefined;
}

/** Opt-in rule names of a config that are real rule ids (unknown ones are a config error). */
export function unknownRules(names: readonly string[]): string[] {
  return names.filter((n) => !(RULE_IDS as string[]).includes(n));
}

export function asRuleIds(names: readonly string[] | undefined): RuleId[] {
  return (names ?? []).filter((n): n is RuleId => (RULE_IDS as string[]).includes(n));
}

/** `20261125000100_*.sql` style patterns: `*` matches any run of characters. */
export function fileMatches(pattern: string, file: string): boolean {
  const parts = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  const base = file.slice(file.lastIndexOf('/') + 1);
  const re = new RegExp(`^${parts.join('.*')}$`);
  return re.test(file) || re.test(base);
}
