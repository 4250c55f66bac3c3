import { ApiError, createApi } from './api.ts';
import { loadConfig } from './config.ts';
import { clock } from './format.ts';
import { poll } from './poll.ts';
import { isWindowKey, type WindowKey } from './series.ts';
import { refreshCharts } from './views/charts.ts';
import { renderDeployments } from './views/deployments.ts';
import { refreshDora } from './views/dora.ts';
import { refreshHealth } from './views/health.ts';
import { refreshRollouts } from './views/rollouts.ts';

const environmentSelect = document.querySelector('#environment') as HTMLSelectElement;
const windowSelect = document.querySelector('#window') as HTMLSelectElement;
const connection = document.querySelector('#connection') as HTMLElement;

function showStatus(kind: 'live' | 'error', text: string) {
  connection.className = `pill ${kind}`;
  connection.textContent = text;
}

function showError(err: unknown) {
  const text = err instanceof ApiError ? `${err.code}: ${err.message}` : String(err);
  showStatus('error', text);
}

async function main() {
  const config = await loadConfig(window.location);
  if (!config) {
    showStatus('error', 'no API configured: add ?key=<anon key>[&url=<API URL>] or a config.json');
    return;
  }
  const call = createApi(config);
  const environment = () => environmentSelect.value;
  const chosenWindow = (): WindowKey =>
    isWindowKey(windowSelect.value) ? windowSelect.value : '1h';
  const ok = () => showStatus('live', `live · ${clock(new Date())}`);

  const charts = poll(10_000, () => refreshCharts(call, environment(), chosenWindow()), showError);
  const health = poll(5000, () => refreshHealth(call, environment()), showError);
  const dora = poll(30_000, () => refreshDora(call, environment()), showError);
  // Rollouts move within seconds: poll them (and the deployments list they come from) every
  // second. When one starts or ends, the figures that count deployments are redrawn at once.
  let outcomes = '';
  poll(
    1000,
    async () => {
      const { deployments } = await call('deploy-orchestrator', {
        action: 'list_deployments',
        limit: 20,
      });
      renderDeployments(deployments.slice(0, 12));
      await refreshRollouts(call, deployments);
      const now = deployments.map((d) => `${d.deployment_id}:${d.status}`).join(',');
      if (outcomes !== '' && now !== outcomes) {
        dora.kick();
        health.kick();
        charts.kick();
      }
      outcomes = now;
      ok();
    },
    showError,
  );
  environmentSelect.addEventListener('change', () => {
    charts.kick();
    health.kick();
    dora.kick();
  });
  windowSelect.addEventListener('change', () => charts.kick());
}

void main();
