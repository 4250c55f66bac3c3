import { ROLLGATE_ROLES } from '../../shared/model/grant.ts';
import { readConfig, StackError } from '../../stack/config.ts';
import { readKeys, signOperatorToken } from '../../stack/keys.ts';
import type { Command } from '../command.ts';
import { EXIT, UsageError } from '../errors.ts';

/**
 * A person's session JWT for the local stack, signed with its key (`supabase start` has Auth to
 * sign people in; the local stack does not). The roles ride in app_metadata, as the Auth admin
 * API would set them. Hosted projects get sessions from Supabase Auth instead.
 */
export const devToken: Command = {
  path: ['dev-token'],
  usage: '<email> <role[:environment]>…',
  summary: 'A signed-in person for the local stack: a user JWT with Rollgate roles (1 hour).',
  positionals: ['email', 'role'],
  optionalPositionals: ['role', 'role', 'role'],
  async run({ positionals, out }) {
    const [email, ...roles] = positionals as [string, ...string[]];
    if (!/^[^\s@]+@[^\s@]+$/.test(email))
      throw new UsageError(`"${email}" is not an e-mail address`);
    for (const r of roles) {
      const [role, environment] = r.split(':');
      if (!(ROLLGATE_ROLES as readonly string[]).includes(role ?? '') || environment === '')
        throw new UsageError(`unknown role "${r}": use ${ROLLGATE_ROLES.join('|')}[:environment]`);
    }
    const config = readConfig();
    const keys = readKeys(config.dataDir);
    if (!keys) throw new StackError(`no keys in ${config.dataDir}; run \`npm start\` first`);
    out.line(await signOperatorToken(keys.signingKey, email, roles));
    return EXIT.ok;
  },
};
