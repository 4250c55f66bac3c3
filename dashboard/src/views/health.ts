import type { Call } from '../api.ts';
import { h, section } from '../dom.ts';

/** The runbook's health score (the rollback script's threshold is 85). */
export async function refreshHealth(call: Call, environment: string) {
  const r = await call('production-monitoring', {
    action: 'system_health_score',
    environment,
  });
  const state = r.health_score >= 85 ? 'succeeded' : 'failed';
  section('health').replaceChildren(
    h(
      'div',
      { class: 'score', 'data-testid': 'health-score' },
      String(r.health_score),
      h('small', {}, ' / 100 '),
      h('span', { class: `badge ${state}` }, r.health_score >= 85 ? 'healthy' : 'below 85'),
    ),
    h(
      'ul',
      { class: 'components' },
      ...r.components.map((c) =>
        h(
          'li',
          { title: c.detail },
          h('span', {}, c.name.replace(/_/g, ' ')),
          h('span', { class: 'muted' }, c.score === null ? 'no data' : String(c.score)),
        ),
      ),
    ),
  );
}
