import type { z } from 'zod';
import { AppError } from '../../../../shared/app-error.ts';
import {
  metricsRequestJson,
  traceRequestJson,
} from '../../../../shared/telemetry/otlp/json-requests.ts';
import { decodeMetricsRequest } from '../../../../shared/telemetry/otlp/protobuf-metrics.ts';
import { decodeTraceRequest } from '../../../../shared/telemetry/otlp/protobuf-traces.ts';
import { readDecodedBody } from '../../_shared/decoded-body.ts';
import { parseJsonObject } from '../../_shared/json-body.ts';
import { MAX_BODY_BYTES } from '../../_shared/request-limits.ts';
import { validationError } from '../../_shared/validation.ts';

/** The two OTLP/HTTP encodings (https://opentelemetry.io/docs/specs/otlp/#otlphttp). */
export type OtlpFormat = 'json' | 'protobuf';

const FORMATS: Record<string, OtlpFormat> = {
  'application/json': 'json',
  'application/x-protobuf': 'protobuf',
};

/** The request's encoding from its Content-Type; anything else is a 415, as OTLP servers answer. */
export function formatOf(request: Request): OtlpFormat {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  const format = FORMATS[type ?? ''];
  if (!format)
    throw new AppError(
      415,
      'unsupported_media_type',
      `Content-Type "${type}" is not OTLP: send application/x-protobuf or application/json`,
      { details: { supported: Object.keys(FORMATS) } },
    );
  return format;
}

/** One signal's two decoders: the hand-written protobuf one and the OTLP/JSON schema. */
interface Signal<T> {
  protobuf: (bytes: Uint8Array) => T;
  json: z.ZodType<T>;
}

export const TRACES = { protobuf: decodeTraceRequest, json: traceRequestJson } satisfies Signal<
  ReturnType<typeof decodeTraceRequest>
>;
export const METRICS = {
  protobuf: decodeMetricsRequest,
  json: metricsRequestJson,
} satisfies Signal<ReturnType<typeof decodeMetricsRequest>>;

/**
 * The request's export, decoded: gzip undone (at most 1 MiB once decompressed, like the body
 * itself), then protobuf (invalid or truncated: 400 `invalid_protobuf`) or OTLP/JSON (malformed:
 * 400 `invalid_json`; wrong shape: 400 `validation_failed`).
 */
export async function readExport<T>(
  request: Request,
  format: OtlpFormat,
  signal: Signal<T>,
): Promise<T> {
  const bytes = await readDecodedBody(request, MAX_BODY_BYTES);
  if (format === 'protobuf') return signal.protobuf(bytes);
  const body = parseJsonObject(new TextDecoder().decode(bytes));
  const parsed = signal.json.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
