import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.ts';

/** `25:300,50:300,100` → canary steps (weight %, pause seconds; the pause defaults to 0). */
export function parseSteps(text: string): Array<{ weight: number; pause_seconds: number }> {
  return text.split(',').map((part) => {
    const [weight, pause = '0'] = part.split(':');
    return { weight: Number(weight), pause_seconds: Number(pause) };
  });
}

/** `--gate code_coverage=85 --gate security_critical=0` → the quality-gate evidence. */
export function parseGates(items: readonly string[]): Record<string, number> {
  const gates: Record<string, number> = {};
  for (const item of items) {
    const [name, value] = item.split('=');
    if (!name || value === undefined) throw new UsageError(`--gate ${item}: use name=value`);
    gates[name] = Number(value);
  }
  return gates;
}

/** `--flag <name>` or `--webhook <url>` moves the traffic; neither leaves it to the caller. */
export function trafficOf(flag: string | undefined, webhook: string | undefined) {
  if (flag && webhook) throw new UsageError('give --flag or --webhook, not both');
  if (flag) return { provider: 'feature_flag', flag };
  if (webhook) return { provider: 'webhook', url: webhook };
  return undefined;
}

/** A JSON object from a file (`--analysis spec.json`); the action's schema checks its fields. */
export function readJsonObject(path: string, option: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(
      `${option} ${path}: cannot read it (${(err as NodeJS.ErrnoException).code})`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`${option} ${path}: not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UsageError(`${option} ${path}: a JSON object is expected`);
  return value as Record<string, unknown>;
}
