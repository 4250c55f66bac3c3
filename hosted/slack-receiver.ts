/**
 * A Slack-shaped incoming-webhook receiver on loopback: every POST to `/services/…` is recorded
 * and answered `200 ok` (text/plain), as hooks.slack.com answers. The scenario reads what arrived
 * with `GET /__received` (JSON: channel path, parsed body, time). The webhook URLs it stands for
 * are SLACK_WEBHOOK_URL and SLACK_EMERGENCY_WEBHOOK in the project (hosted/project.ts).
 *
 *   node --import tsx hosted/slack-receiver.ts <secrets dir>
 */
import { createServer } from 'node:http';
import { readProject } from './project.ts';

export interface SlackDelivery {
  channel: 'normal' | 'emergency' | 'unknown';
  body: unknown;
  at: string;
}

const [secretsDir] = process.argv.slice(2);
if (!secretsDir) {
  console.error('usage: hosted/slack-receiver.ts <secrets dir>');
  process.exit(2);
}
const project = readProject(secretsDir);
const paths = {
  normal: new URL(project.urls.slack.normal).pathname,
  emergency: new URL(project.urls.slack.emergency).pathname,
};
const received: SlackDelivery[] = [];

const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (req.method === 'GET' && req.url === '/__received') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(received));
    return;
  }
  if (req.method !== 'POST' || !req.url?.startsWith('/services/')) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('no_service');
    return;
  }
  const text = Buffer.concat(chunks).toString('utf8');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    res.writeHead(400, { 'content-type': 'text/plain' });
    res.end('invalid_payload');
    return;
  }
  const channel =
    req.url === paths.normal ? 'normal' : req.url === paths.emergency ? 'emergency' : 'unknown';
  received.push({ channel, body, at: new Date().toISOString() });
  console.log(`slack: ${channel} message received`);
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('ok');
});
server.listen(project.ports.slack, '127.0.0.1', () => console.log('slack receiver listening'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
