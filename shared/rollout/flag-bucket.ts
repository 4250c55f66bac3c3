/**
 * Sticky percentage bucketing: a subject's bucket (0–99.99) depends only on the flag and the
 * subject, so raising a flag's percentage only ever adds subjects. SHA-256, first 32 bits.
 */
export async function bucketOf(flag: string, subject: string): Promise<number> {
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(`${flag}:${subject}`),
  );
  const first = new DataView(digest).getUint32(0);
  return (first % 10_000) / 100;
}

export async function isEnabledFor(
  flag: { name: string; enabled: boolean; rollout_percentage: number },
  subject: string,
) {
  const bucket = await bucketOf(flag.name, subject);
  return { bucket, enabled: flag.enabled && bucket < flag.rollout_percentage };
}
