import type { TrafficWebhookJob } from '../queue/queues.ts';
import { signWebhook } from '../webhooks/standard-webhooks.ts';
import { assertReachable, type Resolver, systemResolver } from '../webhooks/target-guard.ts';

/** Redirects followed by hand (each one checked like the first hop); more is a failure. */
export const MAX_REDIRECTS = 3;

export interface DeliveryOptions {
  resolve?: Resolver;
  now?: () => Date;
}

/**
 * POSTs the step's weight to the traffic router, signed per Standard Webhooks: the body names the
 * deployment, environment and weight plus the URL it is sent to and its idempotency key (the
 * audit row), the headers carry `webhook-id` (that key), `webhook-timestamp` and
 * `webhook-signature`, so a captured request can be replayed neither elsewhere nor later than the
 * receiver's tolerance. The target was allowlisted for its environment when the rollout started;
 * here its address is checked after DNS resolution and again on every redirect. Throws on anything
 * but a 2xx: the queue retries with backoff.
 */
export async function deliverTrafficWebhook(
  job: TrafficWebhookJob,
  secret: string,
  options: DeliveryOptions = {},
): Promise<void> {
  const resolve = options.resolve ?? systemResolver;
  const now = options.now ?? (() => new Date());
  const listed = new URL(job.url);
  const idempotencyKey = `${job.deployment_id}:${job.audit_id}`;
  let url = listed;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    await assertReachable(url, listed, resolve);
    const sentAt = now();
    const body = JSON.stringify({
      deployment_id: job.deployment_id,
      environment: job.environment,
      weight: job.weight,
      target_url: url.href,
      idempotency_key: idempotencyKey,
      sent_at: sentAt.toISOString(),
    });
    const response = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': idempotencyKey,
        ...(await signWebhook(secret, idempotencyKey, body, sentAt)),
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url);
      continue;
    }
    if (response.status < 200 || response.status > 299)
      throw new Error(`traffic webhook answered ${response.status}`);
    return;
  }
  throw new Error(`traffic webhook redirected more than ${MAX_REDIRECTS} times`);
}
