import type { SlackMessage } from '../model/slack-message.ts';
import type { DeploymentRow } from '../sql/deployments.ts';
import { escapeMrkdwn } from './escape.ts';
import type { NotificationOrigin } from './origin.ts';

export type NotificationKind =
  | 'approval_requested'
  | 'started'
  | 'step_advanced'
  | 'paused'
  | 'resumed'
  | 'succeeded'
  | 'failed'
  | 'rolled_back'
  | 'emergency'
  | 'summary';

const TITLES: Record<NotificationKind, string> = {
  approval_requested: '⏳ [SCHEDULED] Deployment awaiting approval',
  started: '🚀 Deployment started',
  step_advanced: '📶 Canary step advanced',
  paused: '⏸️ Deployment paused',
  resumed: '▶️ Deployment resumed',
  succeeded: '✅ [COMPLETED] Deployment successful',
  failed: '❌ Deployment failed',
  rolled_back: '⏪ Deployment rolled back',
  emergency: '🚨 Production deployment failed - Incident response activated',
  summary: '🔕 Notifications collapsed',
};

/** Which message an audit event sends, if any (analysis verdicts alone send nothing). */
export function kindOf(event: string, status: string): NotificationKind | null {
  if (event === 'pending_approval') return 'approval_requested';
  if (event === 'started' || event === 'approved')
    return status === 'succeeded' ? 'succeeded' : 'started';
  if (event === 'step_advanced' || event === 'promoted')
    return status === 'succeeded' ? 'succeeded' : 'step_advanced';
  if (['paused', 'resumed', 'succeeded', 'failed', 'rolled_back'].includes(event))
    return event as NotificationKind;
  return null;
}

const minutesBetween = (a: Date, b: Date) =>
  `${Math.max(0, Math.round((b.getTime() - a.getTime()) / 6000) / 10)} min`;

/**
 * The procedure documents' templates as Block Kit: who, what, where, the step and weight, and for
 * failures the reason and the rollback target, and who sent it as its credential proved. Every value is escaped for mrkdwn: deployment ids,
 * versions, names and reasons come from callers.
 */
export function render(
  kind: NotificationKind,
  deployment: DeploymentRow,
  at: Date,
  origin: Pick<NotificationOrigin, 'sender' | 'reported'>,
): SlackMessage {
  const title = TITLES[kind];
  const fields: Array<[string, string]> = [
    ['Environment', deployment.environment],
    ['Deployment ID', deployment.deployment_id],
    ['Version', deployment.version],
    [
      'Deployment Type',
      `${deployment.strategy === 'canary' ? 'CANARY' : deployment.strategy.toUpperCase()} · ${deployment.deployment_type}`,
    ],
    // Another tool's report names its deployer in the body: shown as its claim, beside the sender.
    [
      'Deployed by',
      origin.reported ? `${deployment.deployed_by} (as reported)` : deployment.deployed_by,
    ],
    ['Sent by', origin.sender],
    ['Timestamp', at.toISOString()],
  ];
  if (deployment.strategy === 'canary')
    fields.push([
      'Step',
      `${deployment.current_step + 1} of ${deployment.steps.length} · ${deployment.current_weight}% traffic`,
    ]);
  if (kind === 'succeeded')
    fields.push(
      ['Started', deployment.started_at.toISOString()],
      ['Duration', minutesBetween(deployment.started_at, at)],
      ['Status', 'Successful'],
    );
  if (kind === 'rolled_back' || kind === 'emergency') {
    fields.push(['Rollback target', deployment.previous_version ?? 'previous stable version']);
    if (deployment.rollback_reason) fields.push(['Reason', deployment.rollback_reason]);
  }
  if ((kind === 'failed' || kind === 'emergency') && deployment.error_message)
    fields.push(['Error', deployment.error_message]);
  if (kind === 'approval_requested')
    fields.push(['Approval', 'needed from someone other than the deployer']);
  return message(
    title,
    `${title}: ${escapeMrkdwn(`${deployment.deployment_id} (${deployment.version}) in ${deployment.environment}`)}`,
    fields,
  );
}

/** One message saying how many notifications from one source this minute were collapsed. */
export function renderSummary(source: string, suppressed: number, minute: Date): SlackMessage {
  const title = TITLES.summary;
  return message(title, `${title}: ${suppressed} from ${escapeMrkdwn(source)}`, [
    ['Source', source],
    ['Collapsed', `${suppressed} notification${suppressed === 1 ? '' : 's'} over the rate limit`],
    ['Minute', minute.toISOString()],
    ['Where', 'every event is in the audit log and list_notifications'],
  ]);
}

/** Slack allows 2,000 characters per field: escape, then cut without halving an entity. */
function fieldValue(value: string): string {
  const escaped = escapeMrkdwn(value.slice(0, 1900));
  return escaped.length <= 1900 ? escaped : escaped.slice(0, 1900).replace(/&[a-z]*$/, '');
}

function message(title: string, text: string, fields: Array<[string, string]>): SlackMessage {
  return {
    text,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: title, emoji: true } },
      {
        type: 'section',
        fields: fields.map(([k, v]) => ({ type: 'mrkdwn', text: `*${k}*\n${fieldValue(v)}` })),
      },
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: 'Rollgate · every decision is in the audit log (verify_audit)' },
        ],
      },
    ],
  };
}
