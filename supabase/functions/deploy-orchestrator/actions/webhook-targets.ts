import { AppError } from '../../../../shared/app-error.ts';
import * as contracts from '../../../../shared/contracts/deploy-orchestrator.ts';
import {
  deleteWebhookTarget,
  selectWebhookTargets,
  upsertWebhookTarget,
} from '../../../../shared/sql/webhook-targets.ts';
import { targetPrefix } from '../../../../shared/webhooks/target-prefix.ts';
import { defineAction } from '../../_shared/action.ts';
import { actorOf } from '../../_shared/actor.ts';
import { returnedRow } from '../../_shared/returned-row.ts';

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
export const allowWebhookTarget = defineAction(contracts.allowWebhookTarget, async (input, ctx) => {
  const rows = await upsertWebhookTarget(ctx.sql, {
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
  return { target: returnedRow(rows, 'upsert webhook target') };
});

export const removeWebhookTarget = defineAction(
  contracts.removeWebhookTarget,
  async (input, { sql }) => {
    const removed = await deleteWebhookTarget(sql, input.environment, prefixOf(input.url));
    if (removed.length === 0)
      throw new AppError(
        404,
        'not_found',
        `${input.url} is not allowlisted for ${input.environment}`,
      );
    return { removed: removed[0]?.url_prefix };
  },
);

export const listWebhookTargets = defineAction(
  contracts.listWebhookTargets,
  async (input, { sql }) => {
    return { targets: await selectWebhookTargets(sql, input.environment) };
  },
);
