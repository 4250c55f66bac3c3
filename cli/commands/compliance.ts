import { type Command, str } from '../command.ts';
import { EXIT } from '../errors.ts';

/** gdpr-compliance compliance_report, as JSON, as Markdown, or as a short summary. */
export const complianceReport: Command = {
  path: ['compliance', 'report'],
  usage: '[--type deployment|post_deployment|periodic] [--markdown]',
  summary: 'The GDPR compliance report (service_role key); --markdown prints it as Markdown.',
  options: {
    type: { type: 'string', default: 'deployment' },
    markdown: { type: 'boolean', default: false },
  },
  async run(ctx) {
    const markdown = ctx.values.markdown === true;
    const r = await ctx.api().call(
      'gdpr-compliance',
      {
        action: 'compliance_report',
        report_type: str(ctx.values.type),
        format: markdown ? 'markdown' : 'json',
      },
      { report_type: '--type' },
    );
    if (markdown) ctx.out.line(r.markdown ?? '');
    else
      ctx.out.result(r, () => {
        const counts = Object.entries(r.findings_by_severity)
          .map(([severity, n]) => `${n} ${severity}`)
          .join(', ');
        ctx.out.line(`${r.report_type} report ${r.generated_at}: ${r.status} (${counts})`);
        for (const f of r.findings) ctx.out.line(`  ${f.severity.padEnd(8)} ${f.id}  ${f.title}`);
      });
    return EXIT.ok;
  },
};
