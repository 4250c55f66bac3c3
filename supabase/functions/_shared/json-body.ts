import { AppError } from '../../../shared/app-error.ts';

/**
 * Deepest nesting a request body may have. Real payloads stay under ten levels; the bound keeps
 * every later walk over the value (validation, the NUL check, jsonb in PostgreSQL) cheap and
 * far from any stack limit, and bounds `track_error` metadata with the rest of the body.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Parses a request body that must be one JSON object: valid JSON, at most MAX_JSON_DEPTH deep,
 * with no U+0000 anywhere (PostgreSQL's text and jsonb cannot hold it). Every check is iterative,
 * so a body nested 100,000 deep is a 400, never a stack overflow.
 */
export function parseJsonObject(text: string): Record<string, unknown> {
  // Depth first, on the text: one cheap pass refuses a deeply nested body before JSON.parse
  // spends a third of a second building it (bench/starvation.ts).
  if (exceedsDepth(text, MAX_JSON_DEPTH)) {
    throw new AppError(
      400,
      'invalid_request',
      `request body is nested deeper than ${MAX_JSON_DEPTH} levels`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError(400, 'invalid_json', 'request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AppError(400, 'invalid_request', 'request body must be a JSON object');
  }
  if (text.includes('\\u0000') && containsNul(value)) {
    throw new AppError(400, 'invalid_request', 'strings must not contain the NUL character');
  }
  return value as Record<string, unknown>;
}

/** Whether valid JSON text nests arrays/objects deeper than `limit`: one pass, no recursion. */
export function exceedsDepth(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}

/** Whether any string or key in a parsed JSON value holds U+0000; an explicit stack, no recursion. */
export function containsNul(root: unknown): boolean {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return true;
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        if (key.includes('\u0000')) return true;
        pending.push(child);
      }
    }
  }
  return false;
}
