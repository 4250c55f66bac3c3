import type { Context } from 'hono';
import type { OtlpIngestResult } from '../../../../shared/telemetry/otlp/trace-ingest.ts';
import type { OtlpFormat } from './otlp-body.ts';

/**
 * An Export*ServiceResponse in the request's encoding: empty when everything was accepted, else
 * `partial_success` {rejected_spans | rejected_data_points (field 1), error_message (field 2)},
 * whose field numbers are the same in the trace and metrics services.
 */
export function exportResponse(
  context: Context,
  format: OtlpFormat,
  result: OtlpIngestResult,
  rejectedField: 'rejectedSpans' | 'rejectedDataPoints',
) {
  const partial = result.rejected > 0;
  if (format === 'json')
    return context.json(
      partial
        ? {
            partialSuccess: {
              [rejectedField]: String(result.rejected),
              errorMessage: result.message,
            },
          }
        : {},
    );
  const body = partial ? partialSuccess(result.rejected, result.message) : new Uint8Array(0);
  return context.body(body as Uint8Array<ArrayBuffer>, 200, {
    'content-type': 'application/x-protobuf',
  });
}

function partialSuccess(rejected: number, message: string): Uint8Array {
  const text = new TextEncoder().encode(message);
  const inner = [0x08, ...varint(rejected), 0x12, ...varint(text.length), ...text];
  return new Uint8Array([0x0a, ...varint(inner.length), ...inner]);
}

function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}
