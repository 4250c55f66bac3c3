import { type Command, defined, str } from '../command.ts';
import { EXIT } from '../errors.ts';

const list: Command = {
  path: ['grants', 'list'],
  usage: '',
  summary: 'Every Rollgate role granted to users (admin).',
  async run(ctx) {
    const r = await ctx.api().call('deploy-orchestrator', { action: 'list_grants' });
    ctx.out.result(r, () => {
      ctx.out.table([
        ['SUBJECT', 'ROLE', 'ENV', 'GRANTED BY', 'AT'],
        ...r.grants.map((g) => [g.subject, g.role, g.environment, g.granted_by, g.granted_at]),
      ]);
    });
    return EXIT.ok;
  },
};

function change(action: 'grant_role' | 'revoke_role', verb: string): Command {
  return {
    path: ['grants', action === 'grant_role' ? 'add' : 'remove'],
    usage: '<user-id> <viewer|deployer|approver|admin> [--env <environment>]',
    summary: `${verb} a Supabase Auth user a Rollgate role, in one environment or all (admin).`,
    positionals: ['user-id', 'role'],
    options: { env: { type: 'string' } },
    async run(ctx) {
      const [userId, role] = ctx.positionals;
      const r = await ctx
        .api()
        .call(
          'deploy-orchestrator',
          { action, user_id: userId, role, ...defined({ environment: str(ctx.values.env) }) },
          { user_id: '<user-id>', role: '<role>', environment: '--env' },
        );
      ctx.out.result(r, () => {
        ctx.out.line(
          `${r.subject} ${r.role} in ${r.environment}: ${r.changed ? (action === 'grant_role' ? 'granted' : 'revoked') : 'unchanged'}`,
        );
      });
      return EXIT.ok;
    },
  };
}

const whoami: Command = {
  path: ['whoami'],
  usage: '',
  summary: 'Who the key or token you use is, and what Rollgate lets it do.',
  async run(ctx) {
    const r = await ctx.api().call('deploy-orchestrator', { action: 'whoami' });
    ctx.out.result(r, () => {
      ctx.out.line(`${r.label} (${r.identity}, Supabase role ${r.supabase_role})`);
      ctx.out.line(`permissions: ${r.permissions.join(', ')}`);
    });
    return EXIT.ok;
  },
};

export const GRANT_COMMANDS: Command[] = [
  whoami,
  list,
  change('grant_role', 'Grant'),
  change('revoke_role', 'Take back from'),
];
