/**
 * A chart over a window is a series of shorter windows: `performance_metrics` answers one window
 * at a time (from the rollups), so each point asks for its own step ending at its own `as_of`.
 */
export const WINDOWS = {
  '15m': { step: '1m', stepMs: 60_000, points: 15 },
  '1h': { step: '5m', stepMs: 300_000, points: 12 },
  '6h': { step: '30m', stepMs: 1_800_000, points: 12 },
  '24h': { step: '2h', stepMs: 7_200_000, points: 12 },
  '7d': { step: '12h', stepMs: 43_200_000, points: 14 },
} as const;
export type WindowKey = keyof typeof WINDOWS;

export function isWindowKey(value: string): value is WindowKey {
  return value in WINDOWS;
}

/** The end of each point's step, oldest first; the last one is `now`. */
export function seriesEnds(key: WindowKey, now: Date): Date[] {
  const { stepMs, points } = WINDOWS[key];
  return Array.from(
    { length: points },
    (_, i) => new Date(now.getTime() - (points - 1 - i) * stepMs),
  );
}
