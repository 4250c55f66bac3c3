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
export function exceptionTitle(exception: ExceptionValue): string {
  const type = typeof exception.type === 'string' ? exception.type.trim() : '';
  const value = typeof exception.value === 'string' ? exception.value.trim() : '';
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

function frameText(frame: Frame): string {
  const file = [frame.filename, frame.abs_path, frame.module].find(
    (v) => typeof v === 'string' && v,
  ) as string | undefined;
  const position = [frame.lineno, frame.colno]
    .filter((n) => typeof n === 'number')
    .map((n) => `:${n}`)
    .join('');
  const location = `${file ?? '<anonymous>'}${position}`;
  const fn = typeof frame.function === 'string' && frame.function !== '?' ? frame.function : '';
  return fn ? `${fn} (${location})` : location;
}
