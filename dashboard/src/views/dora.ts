import type { ActionResult } from '../../../shared/client/client.ts';
import type { Call } from '../api.ts';
import { h, section } from '../dom.ts';
import { count, hours, minutes, percent } from '../format.ts';

/** The four keys with their tiers and the documents' targets, and the runbook's figures. */
export async function refreshDora(call: Call, environment: string) {
  const s = await call('production-monitoring', {
    action: 'deployment_statistics',
    time_window: '30d',
    environment,
  });
  const d = s.dora;
  section('dora').replaceChildren(
    h(
      'div',
      { class: 'tiles' },
      tile(
        'deployment-frequency',
        'Deployment frequency',
        `${d.deployment_frequency.per_day} / day`,
        d.deployment_frequency,
      ),
      tile(
        'lead-time',
        'Lead time (median)',
        d.lead_time_for_changes.samples ? hours(d.lead_time_for_changes.median_hours) : '–',
        d.lead_time_for_changes,
      ),
      tile(
        'change-failure-rate',
        'Change failure rate',
        percent(d.change_failure_rate.percent),
        d.change_failure_rate,
      ),
      tile(
        'recovery-time',
        'Recovery time (median)',
        d.failed_deployment_recovery_time.recoveries
          ? minutes(d.failed_deployment_recovery_time.median_minutes)
          : '–',
        d.failed_deployment_recovery_time,
      ),
    ),
    h(
      'p',
      { class: 'figures', 'data-testid': 'dora-figures' },
      `${count(s.production_deployments, 'deployment')} · ${count(s.rollbacks, 'rollback')} · success rate ${percent(s.success_rate)} `,
      targetMark(s.success_rate_target),
      ` · average deployment ${minutes(s.avg_deployment_time)}`,
      s.insufficient_data ? ' · not enough finished deployments to judge' : '',
    ),
  );
}

type Statistics = ActionResult<'production-monitoring', 'deployment_statistics'>;
type Target = Statistics['success_rate_target'];
type Key = Statistics['dora'][keyof Statistics['dora']];

function tile(id: string, label: string, value: string, key: Key) {
  return h(
    'div',
    { class: 'tile', 'data-testid': id, 'data-tier': key.tier ?? '' },
    h('div', { class: 'label' }, label),
    h('div', { class: 'value' }, value),
    key.tier
      ? h('span', { class: `badge ${key.tier}` }, key.tier)
      : h('span', { class: 'muted' }, 'no data'),
    h('div', { class: 'target' }, 'target ', targetMark(key.target)),
  );
}

function targetMark(t: Target) {
  if (t.met === null) return h('span', { class: 'muted' }, `${t.goal}`);
  return h('span', { class: t.met ? 'met' : 'missed' }, `${t.goal} ${t.met ? '✓' : '✗'}`);
}
