import type { ChangeWindow, Freeze } from '../model/change-windows.ts';

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/**
 * Whether a deployment of `type` may start at `at`: if any window governs the type, `at` must
 * fall inside one of them (UTC, end exclusive); a type no window governs may go any time.
 */
export function insideChangeWindow(
  windows: readonly ChangeWindow[],
  type: string,
  at: Date,
): { allowed: boolean; governing: ChangeWindow[] } {
  const governing = windows.filter((w) => !w.deployment_types || w.deployment_types.includes(type));
  if (governing.length === 0) return { allowed: true, governing };
  const day = at.getUTCDay();
  const minute = at.getUTCHours() * 60 + at.getUTCMinutes();
  const allowed = governing.some(
    (w) => w.days.includes(day) && minute >= minutes(w.start) && minute < minutes(w.end),
  );
  return { allowed, governing };
}

export function activeFreeze(freezes: readonly Freeze[], at: Date): Freeze | null {
  return freezes.find((f) => f.starts_at <= at && at < f.ends_at) ?? null;
}
