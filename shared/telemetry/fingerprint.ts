import { scrubPersonalData } from './personal-data.ts';

/**
 * Groups errors the way Sentry does without a client SDK: component + message with its variable
 * parts (personal data, ids, numbers, quoted values) masked + the top stack frame without line
 * numbers. Masking e-mails and tokens first also keeps one issue per error, not one per user.
 */
export function normaliseMessage(message: string): string {
  return scrubPersonalData(message)
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>')
    .replace(/\b0x[0-9a-f]+\b/gi, '<hex>')
    .replace(/\b[0-9a-f]{16,}\b/gi, '<hex>')
    .replace(/(["'`])(?:(?!\1).){0,200}\1/g, '<str>')
    .replace(/\b\d+(\.\d+)?\b/g, '<n>')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first frame of a V8/Deno/Firefox stack, with line and column removed. */
export function topFrame(stack: string | undefined): string {
  if (!stack) return '';
  const frame = stack
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.startsWith('at ') || /@.+:\d+/.test(l));
  return frame ? frame.replace(/:\d+(:\d+)?\)?$/, '').replace(/^at /, '') : '';
}

export async function fingerprintOf(event: {
  component: string;
  error_message: string;
  stack?: string | undefined;
}) {
  const basis = [
    event.component,
    normaliseMessage(event.error_message),
    topFrame(event.stack),
  ].join('\n');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(basis));
  return [...new Uint8Array(digest)]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
    .slice(0, 32);
}
