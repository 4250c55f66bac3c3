import type { TrafficWebhookJob } from '../jobs/queues.ts';

/** HMAC-SHA256 of the body with the shared secret, hex: what the receiver recomputes. */
export async function signBody(body: string, secret: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(body));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * POSTs `{deployment_id, environment, weight}` signed with `X-Rollgate-Signature: sha256=<hex>`
 * and an `Idempotency-Key` (the audit row), so the traffic router can verify and dedupe it.
 * Throws on anything but a 2xx: the queue retries with backoff.
 */
export async function deliverTrafficWebhook(job: TrafficWebhookJob, secret: string): Promise<void> {
  const body = JSON.stringify({
    deployment_id: job.deployment_id,
    environment: job.environment,
    weight: job.weight,
  });
  const response = await fetch(job.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-rollgate-signature': `sha256=${await signBody(body, secret)}`,
      'idempotency-key': `${job.deployment_id}:${job.audit_id}`,
    },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  await response.arrayBuffer();
  if (response.status < 200 || response.status > 299)
    throw new Error(`traffic webhook answered ${response.status}`);
}
