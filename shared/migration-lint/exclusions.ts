import { scanSync } from 'libpg-query';
import { fields, list, text } from './ast.ts';
import { isRuleId, type RuleId } from './rules.ts';
import { SourceText } from './source-text.ts';

/** An exclusion: rules not to report for one statement, one file, or (config) a set of files. */
export interface Exclusion {
  rules: string[];
  reason: string;
  /** `statement`: the statement the comment is in or that follows it. */
  scope: 'statement' | 'file';
  /** Character offset of the comment (inline), for the statement it applies to. */
  offset: number;
  used: boolean;
}

/** A problem with an exclusion itself, reported like any finding. */
export interface ExclusionProblem {
  rule: RuleId;
  offset: number;
  note: string;
}

const MARKER = 'rollgate-lint-ignore';
const DIRECTIVE = /rollgate-lint-ignore(-file)?(?:\s+([^:]*?))?\s*(?::\s*(.*?))?\s*(?:\*\/)?\s*$/s;

/**
 * `-- rollgate-lint-ignore <rule>[, <rule>…]: <reason>` excludes those rules for the statement
 * the comment is in or precedes; `-- rollgate-lint-ignore-file …` for the whole file. Comments
 * are found with PostgreSQL's scanner, so the marker inside a string literal is not a comment.
 */
export function inlineExclusions(
  source: SourceText,
  statements: readonly Range[] | null,
): {
  exclusions: Exclusion[];
  problems: ExclusionProblem[];
} {
  const exclusions: Exclusion[] = [];
  const problems: ExclusionProblem[] = [];
  if (!source.text.includes(MARKER)) return { exclusions, problems };
  for (const comment of statements ? commentsAround(source, statements) : comments(source)) {
    const match = DIRECTIVE.exec(comment.text);
    if (!match) continue;
    const rules = (match[2] ?? '').split(/[\s,]+/).filter(Boolean);
    const reason = (match[3] ?? '').trim();
    const offset = comment.offset;
    if (rules.length === 0 || !reason) {
      problems.push({ rule: 'exclusion-without-reason', offset, note: comment.text.trim() });
      continue;
    }
    for (const rule of rules.filter((r) => !isRuleId(r))) {
      problems.push({ rule: 'exclusion-unknown-rule', offset, note: rule });
    }
    exclusions.push({ rules, reason, scope: match[1] ? 'file' : 'statement', offset, used: false });
  }
  return { exclusions, problems };
}

/** Character range of a parsed statement. */
export interface Range {
  start: number;
  end: number;
}

/**
 * The marker's comments without scanning the whole file: between statements there is only
 * whitespace and comments, so a marker there is a comment; a marker inside a statement is looked
 * up with the scanner on that statement alone. Each statement is scanned at most once: linear.
 */
function commentsAround(
  source: SourceText,
  statements: readonly Range[],
): { text: string; offset: number }[] {
  const found: { text: string; offset: number }[] = [];
  const scanned = new Set<number>();
  const t = source.text;
  for (let at = t.indexOf(MARKER); at !== -1; at = t.indexOf(MARKER, at + MARKER.length)) {
    const index = containing(statements, at);
    const statement = index === -1 ? undefined : statements[index];
    if (!statement) {
      const eol = t.indexOf('\n', at);
      found.push({ text: t.slice(at, eol === -1 ? undefined : eol), offset: at });
    } else if (!scanned.has(index)) {
      scanned.add(index);
      const inner = new SourceText(t.slice(statement.start, statement.end));
      for (const c of comments(inner)) found.push({ ...c, offset: statement.start + c.offset });
    }
  }
  return found;
}

function containing(statements: readonly Range[], at: number): number {
  let lo = 0;
  let hi = statements.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = statements[mid] as Range;
    if (at < s.start) hi = mid - 1;
    else if (at >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

function comments(source: SourceText): { text: string; offset: number }[] {
  try {
    return list(fields(scanSync(source.text))?.tokens).flatMap((raw) => {
      const token = fields(raw);
      const name = text(token?.tokenName);
      const body = text(token?.text) ?? '';
      if ((name !== 'SQL_COMMENT' && name !== 'C_COMMENT') || !body.includes(MARKER)) return [];
      return [
        { text: body.slice(body.indexOf(MARKER)), offset: source.charAt(Number(token?.start)) },
      ];
    });
  } catch {
    // The scanner refused the file (reported as a syntax error); read line comments plainly.
    const found: { text: string; offset: number }[] = [];
    for (const m of source.text.matchAll(/--[^\n]*rollgate-lint-ignore[^\n]*/g)) {
      found.push({ text: m[0].slice(m[0].indexOf(MARKER)), offset: m.index });
    }
    return found;
  }
}
