import { AppError } from '../../../../shared/app-error.ts';
import { parseJsonObject } from '../../_shared/json-body.ts';

/** One item of an envelope: its JSON header (`type`, optional `length`) and its raw payload. */
export interface EnvelopeItem {
  type: string;
  header: Record<string, unknown>;
  payload: Uint8Array;
}

export interface Envelope {
  header: Record<string, unknown>;
  items: EnvelopeItem[];
}

const NEWLINE = 0x0a;
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses a Sentry envelope (https://develop.sentry.dev/sdk/data-model/envelopes/): a JSON header
 * line, then items, each a JSON header line and a payload of `length` bytes when the header says
 * so, else up to the next newline (or the end). Works on bytes, since `length` counts bytes, not
 * characters. Anything that does not follow this is a 400 `invalid_envelope`.
 */
export function parseEnvelope(bytes: Uint8Array): Envelope {
  let position = 0;
  const line = () => {
    const end = bytes.indexOf(NEWLINE, position);
    const stop = end < 0 ? bytes.length : end;
    const slice = bytes.subarray(position, stop);
    position = end < 0 ? bytes.length : end + 1;
    return slice;
  };
  const header = jsonObject(line(), 'the envelope header');
  const items: EnvelopeItem[] = [];
  while (position < bytes.length) {
    const raw = line();
    // Trailing newlines (and blank lines between items) carry nothing.
    if (isBlank(raw)) continue;
    const itemHeader = jsonObject(raw, `item ${items.length + 1}'s header`);
    const type = itemHeader.type;
    if (typeof type !== 'string' || type === '')
      throw invalid(`item ${items.length + 1}'s header names no "type"`);
    const length = itemHeader.length;
    let payload: Uint8Array;
    if (length === undefined || length === null) {
      payload = line();
    } else {
      if (typeof length !== 'number' || !Number.isInteger(length) || length < 0)
        throw invalid(`item ${items.length + 1}'s "length" is not a byte count`);
      if (position + length > bytes.length)
        throw invalid(`item ${items.length + 1} is shorter than its "length" of ${length} bytes`);
      payload = bytes.subarray(position, position + length);
      position += length;
      if (position < bytes.length) {
        if (bytes[position] !== NEWLINE)
          throw invalid(`item ${items.length + 1} does not end after its "length" bytes`);
        position += 1;
      }
    }
    items.push({ type, header: itemHeader, payload });
  }
  return { header, items };
}

/** A payload that must be one JSON object (an event): the same checks as any request body. */
export function jsonPayload(payload: Uint8Array, what: string): Record<string, unknown> {
  try {
    return parseJsonObject(text(payload, what));
  } catch (err) {
    if (err instanceof AppError)
      throw new AppError(400, err.code, `${what}: ${err.message}`, { cause: err });
    throw err;
  }
}

function jsonObject(slice: Uint8Array, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text(slice, what));
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw invalid(`${what} is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(`${what} is not a JSON object`);
  return value as Record<string, unknown>;
}

function text(slice: Uint8Array, what: string): string {
  try {
    return decoder.decode(slice);
  } catch {
    throw invalid(`${what} is not UTF-8`);
  }
}

function isBlank(slice: Uint8Array): boolean {
  return slice.every((b) => b === 0x20 || b === 0x09 || b === 0x0d);
}

function invalid(message: string): AppError {
  return new AppError(400, 'invalid_envelope', message);
}
