/** Small, pure formatters for what the dashboard prints. */

export function percent(value: number, digits = 2): string {
  return `${Number(value.toFixed(digits))} %`;
}

export function minutes(value: number): string {
  if (value < 1) return `${Math.round(value * 60)} s`;
  if (value < 120) return `${Number(value.toFixed(1))} min`;
  if (value < 48 * 60) return `${Number((value / 60).toFixed(1))} h`;
  return `${Number((value / 1440).toFixed(1))} d`;
}

export function hours(value: number): string {
  return minutes(value * 60);
}

/** "3 min ago", for timestamps from the API. */
export function ago(iso: string | null, now = Date.now()): string {
  if (!iso) return '–';
  const seconds = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

export function clock(date: Date): string {
  return date.toISOString().slice(11, 19);
}

/** Human words for API statuses: `rolled_back` → "rolled back". */
export function words(status: string): string {
  return status.replace(/_/g, ' ');
}

/** "1 rollback", "2 rollbacks". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Chart readings: two decimals are plenty on a screen. */
export function reading(value: number): string {
  return String(Number(value.toFixed(2)));
}
