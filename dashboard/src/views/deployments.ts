import type { Deployment } from '../../../shared/contracts/deployment.ts';
import { h, section } from '../dom.ts';
import { ago, minutes, words } from '../format.ts';

/** The latest deployments of every environment, newest first. */
export function renderDeployments(deployments: Deployment[]) {
  const body = section('deployments');
  if (deployments.length === 0) {
    body.replaceChildren(h('p', { class: 'empty' }, 'No deployments yet.'));
    return;
  }
  body.replaceChildren(
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...[
            'deployment',
            'environment',
            'service',
            'version',
            'strategy',
            'status',
            'step',
            'weight',
            'started',
            'took',
          ].map((t) => h('th', {}, t)),
        ),
      ),
      h('tbody', {}, ...deployments.map(row)),
    ),
  );
}

function row(d: Deployment) {
  const took =
    d.completed_at === null
      ? '–'
      : minutes((new Date(d.completed_at).getTime() - new Date(d.started_at).getTime()) / 60_000);
  return h(
    'tr',
    { 'data-deployment-id': d.deployment_id, 'data-status': d.status },
    h('td', { class: 'mono' }, d.deployment_id),
    h('td', {}, d.environment),
    h('td', {}, d.service),
    h('td', {}, d.version),
    h('td', {}, d.strategy),
    h('td', {}, h('span', { class: `badge ${d.status}` }, words(d.status))),
    h('td', {}, `${d.current_step + 1}/${d.total_steps}`),
    h('td', {}, `${d.weight}%`),
    h('td', { title: d.started_at }, ago(d.started_at)),
    h('td', {}, took),
  );
}
