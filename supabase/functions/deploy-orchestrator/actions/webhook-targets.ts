import { z } from 'zod';
import { AppError } from '../../../../shared/app-error.ts';
import {
  deleteWebhookTarget,
  selectWebhookTargets,
  upsertWebhookTarget,
} from '../../../../shared/sql/webhook-targets.ts';
import { targetPrefix } from '../../../../shared/webhooks/target-prefix.ts';
import { defineAction } from '../../_shared/action.ts';
import { actorOf } from '../../_shared/actor.ts';

const environment = z.string().min(1).max(50);

function prefixOf(url: string): string {
  const parsed = targetPrefix(url);
  if ('error' in parsed)
    throw new AppError(400, 'invalid_request', `url ${parsed.error}`, {
      details: { issues: [{ path: 'url', message: parsed.error }] },
    });
  return parsed.prefix;
}

/**
 * The per-environment allowlist of traffic-webhook targets (issue 12, finding 3). A rollout may
 * name a webhook URL only under a listed prefix; an internal address (loopback, private,
 * link-local) is reachable only when listed as that literal address.
 */
export const allowWebhookTarget = defineAction({
  name: 'allow_webhook_target',
  summary: 'Admin: allow traffic webhooks of an environment to a URL prefix.',
  access: 'admin',
  input: { environment, url: z.string().min(1).max(2000), note: z.string().max(500).optional() },
  async handler(input, ctx) {
    const [target] = await upsertWebhookTarget(ctx.sql, {
      environment: input.environment,
      url_prefix: prefixOf(input.url),
      note: input.note ?? null,
      added_by: actorOf(ctx.caller),
    }).catch((err) => {
      if (err?.code === '23503')
        throw new AppError(
          422,
          'unknown_environment',
          `environment "${input.environment}" is not configured`,
        );
      throw err;
    });
    return { target };
  },
});

export const removeWebhookTarget = defineAction({
  name: 'remove_webhook_target',
  summary: 'Admin: remove a traffic-webhook target from an environment’s allowlist.',
  access: 'admin',
  input: { environment, url: z.string().min(1).max(2000) },
  async handler(input, { sql }) {
    const removed = await deleteWebhookTarget(sql, input.environment, prefixOf(input.url));
    if (removed.length === 0)
      throw new AppError(
        404,
        'not_found',
        `${input.url} is not allowlisted for ${input.environment}`,
      );
    return { removed: removed[0]?.url_prefix };
  },
});

export const listWebhookTargets = defineAction({
  name: 'list_webhook_targets',
  summary: 'Admin: the traffic-webhook allowlist, optionally of one environment.',
  access: 'admin',
  input: { environment: environment.optional() },
  async handler(input, { sql }) {
    return { targets: await selectWebhookTargets(sql, input.environment) };
  },
});

export const webhookTargetActions = [allowWebhookTarget, removeWebhookTarget, listWebhookTargets];
