/** A Sentry stack frame, as SDKs send it (every field optional). */
interface Frame {
  function?: unknown;
  filename?: unknown;
  abs_path?: unknown;
  module?: unknown;
  lineno?: unknown;
  colno?: unknown;
}

export interface ExceptionValue {
  type?: unknown;
  value?: unknown;
  stacktrace?: { frames?: unknown } | null;
}

const MAX_FRAMES = 100;

/** `Type: value`, as V8 prints an error's first line (`Type` alone, or `value` alone). */
export function exceptionTitle(e: ExceptionValue): string {
  const type = typeof e.type === 'string' ? e.type.trim() : '';
  const value = typeof e.value === 'string' ? e.value.trim() : '';
  return type && value ? `${type}: ${value}` : type || value;
}

/**
 * Sentry's frames (oldest call first) as a V8 stack (`    at fn (file:line:col)`, the failing
 * call first) under the exception's title: the text `track_error` receives as `err.stack`, so the
 * fingerprint's top frame (shared/telemetry/fingerprint.ts) is the same for both and an exception
 * reported either way lands in one issue.
 */
export function stackText(title: string, frames: unknown): string | undefined {
  if (!Array.isArray(frames) || frames.length === 0) return undefined;
  const lines = (frames as Frame[])
    .filter((f) => f && typeof f === 'object')
    .slice(-MAX_FRAMES)
    .reverse()
    .map((f) => `    at ${frameText(f)}`);
  return lines.length ? [title, ...lines].join('\n') : undefined;
}

function frameText(f: Frame): string {
  const file = [f.filename, f.abs_path, f.module].find((v) => typeof v === 'string' && v) as
    | string
    | undefined;
  const position = [f.lineno, f.colno]
    .filter((n) => typeof n === 'number')
    .map((n) => `:${n}`)
    .join('');
  const location = `${file ?? '<anonymous>'}${position}`;
  const fn = typeof f.function === 'string' && f.function !== '?' ? f.function : '';
  return fn ? `${fn} (${location})` : location;
}
