import type { ConsentEventRow } from '../sql/gdpr-consent.ts';

export interface PurposeConsent {
  purpose: string;
  status: 'granted' | 'withdrawn';
  since: Date;
  notice_version: string;
  source: string;
}

/** The state per purpose is the latest ledger entry for it (the ledger is in write order). */
export function currentConsent(history: readonly ConsentEventRow[]): PurposeConsent[] {
  const latest = new Map<string, ConsentEventRow>();
  for (const event of history) latest.set(event.purpose, event);
  return [...latest.values()]
    .sort((a, b) => a.purpose.localeCompare(b.purpose))
    .map((e) => ({
      purpose: e.purpose,
      status: e.granted ? 'granted' : 'withdrawn',
      since: e.recorded_at,
      notice_version: e.notice_version,
      source: e.source,
    }));
}
