import type { Deployment, DeploymentStatus } from '../../../shared/contracts/deployment.ts';
import { ACTIVE_STATUSES } from '../../../shared/model/deployment-status.ts';
import type { Call } from '../api.ts';
import { h, section } from '../dom.ts';
import { ago, words } from '../format.ts';

/** An ended rollout stays on the panel this long, so a rollback is seen, not just vanishes. */
export const ENDED_VISIBLE_MS = 10 * 60_000;

/** Rollouts still running, and those that ended in the last ten minutes, with their verdicts. */
export async function refreshRollouts(call: Call, deployments: Deployment[], now = Date.now()) {
  const shown = deployments.filter(
    (d) =>
      d.strategy !== 'external' &&
      (ACTIVE_STATUSES.includes(d.status) ||
        (d.completed_at !== null && now - new Date(d.completed_at).getTime() < ENDED_VISIBLE_MS)),
  );
  const statuses = await Promise.all(
    shown.map((d) =>
      call('deploy-orchestrator', {
        action: 'get_status',
        deployment_id: d.deployment_id,
      }),
    ),
  );
  const body = section('rollouts');
  if (statuses.length === 0) {
    body.replaceChildren(h('p', { class: 'empty' }, 'No rollout is running.'));
    return;
  }
  body.replaceChildren(...statuses.map(card));
}

function card(s: DeploymentStatus) {
  const ended = !ACTIVE_STATUSES.includes(s.status);
  const reason = s.rollback_reason ?? s.error_message;
  return h(
    'article',
    {
      class: `rollout${ended ? ' ended' : ''}`,
      'data-testid': 'rollout',
      'data-deployment-id': s.deployment_id,
      'data-status': s.status,
      'data-weight': s.weight,
      'data-step': s.current_step,
    },
    h(
      'div',
      { class: 'top' },
      h('span', { class: `badge ${s.status}` }, words(s.status)),
      h('strong', {}, s.version),
      h('span', { class: 'muted' }, `${s.environment} · ${s.service} · ${s.strategy}`),
      h('span', { class: 'id' }, s.deployment_id),
      h('span', { class: 'weight', 'data-testid': 'weight' }, `${s.weight}%`),
    ),
    h(
      'div',
      { class: `bar ${s.status}` },
      h('div', { class: 'fill', style: `width: ${s.weight}%` }),
    ),
    h(
      'div',
      { class: 'steps' },
      h('span', { class: 'muted' }, `step ${s.current_step + 1} of ${s.total_steps}`),
      ...s.steps.map((step, i) =>
        h(
          'span',
          { class: i === s.current_step ? 'current' : i < s.current_step ? 'done' : '' },
          `${step.weight}%${step.pause_seconds ? ` · ${step.pause_seconds}s` : ''}`,
        ),
      ),
      h(
        'span',
        { class: 'muted' },
        ended ? `ended ${ago(s.completed_at)}` : `started ${ago(s.started_at)}`,
      ),
    ),
    reason
      ? h('div', { class: 'reason', 'data-testid': 'reason' }, `${words(s.status)}: ${reason}`)
      : null,
    s.analyses.length
      ? h(
          'ul',
          { class: 'analyses' },
          ...s.analyses
            .slice(-5)
            .map((a) =>
              h(
                'li',
                { 'data-verdict': a.verdict },
                h('span', { class: `badge ${a.verdict}` }, a.verdict),
                ` step ${a.step + 1} at ${a.weight}% (${a.trigger})`,
                a.reasons.length ? ` — ${a.reasons.join('; ')}` : '',
              ),
            ),
        )
      : null,
  );
}
