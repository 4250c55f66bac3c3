import type { LintFinding, LintReport } from '../../shared/migration-lint/finding.ts';

export type LintFormat = 'text' | 'json' | 'github';

/** squawk-style: `file:line:col: severity[rule] message`, the line with a caret, then the fix. */
export function renderText(report: LintReport, sources: ReadonlyMap<string, string>): string {
  const out: string[] = [];
  for (const f of report.findings) {
    const where = `${f.file ?? '<sql>'}:${f.line}:${f.column}`;
    out.push(`${where}: ${f.severity}[${f.rule}] ${f.message}`);
    const line = sourceLine(sources.get(f.file ?? ''), f.line);
    if (line !== undefined) {
      const gutter = String(f.line).length;
      out.push(`${' '.repeat(gutter + 1)}|`);
      out.push(`${f.line} | ${line}`);
      out.push(`${' '.repeat(gutter + 1)}| ${' '.repeat(Math.max(0, f.column - 1))}^`);
    }
    if (f.lock) out.push(`  = lock: ${f.lock}`);
    out.push(`  = help: ${f.safe_alternative}`, '');
  }
  out.push(summary(report));
  return out.join('\n');
}

function summary(report: LintReport): string {
  const count = (s: LintFinding['severity']) => report.findings.filter((f) => f.severity === s);
  const files = report.files.length;
  const scope = `${files} file${files === 1 ? '' : 's'}, ${report.statements} statements`;
  if (report.findings.length === 0) return `No findings (${scope}).`;
  const e = count('error').length;
  const w = count('warning').length;
  const i = count('info').length;
  return `Found ${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}${i ? `, ${i} info` : ''} (${scope}).`;
}

function sourceLine(source: string | undefined, line: number): string | undefined {
  if (source === undefined) return undefined;
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = source.indexOf('\n', start);
    if (next === -1) return undefined;
    start = next + 1;
  }
  const end = source.indexOf('\n', start);
  return source.slice(start, end === -1 ? undefined : end).replace(/\t/g, ' ');
}

/** GitHub Actions workflow commands: one annotation per finding, on the file and line. */
export function renderGithub(report: LintReport): string {
  const level = { error: 'error', warning: 'warning', info: 'notice' } as const;
  return report.findings
    .map((f) => {
      const props = [
        ...(f.file ? [`file=${escapeProperty(f.file)}`] : []),
        `line=${f.line}`,
        `col=${f.column}`,
        `title=${escapeProperty(f.rule)}`,
      ].join(',');
      return `::${level[f.severity]} ${props}::${escapeData(`${f.message} Fix: ${f.safe_alternative}`)}`;
    })
    .join('\n');
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
