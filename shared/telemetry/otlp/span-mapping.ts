import {
  type ErrorEventInput,
  errorEventSchema,
  type RequestSampleInput,
  requestSampleSchema,
} from '../schemas.ts';
import {
  type OtlpResourceSpans,
  type OtlpSpan,
  type OtlpSpanEvent,
  SPAN_KIND_SERVER,
  STATUS_CODE_ERROR,
} from './model.ts';
import {
  httpStatus,
  isoFromNanos,
  label,
  type ResourceLabels,
  resourceLabels,
  text,
} from './resource-labels.ts';

/** The span end times kept: the raw store's retention back, the allowed clock skew ahead. */
export interface AcceptedTimes {
  fromMs: number;
  toMs: number;
}

/** Telemetry with the service its resource names (`service.name`), for release attribution. */
export type FromService<T> = T & { service: string };

/** What a batch of spans becomes, before release attribution; `rejected` counts spans. */
export interface SpanTelemetry {
  requests: Array<FromService<RequestSampleInput>>;
  errors: Array<FromService<ErrorEventInput>>;
  rejected: number;
  /** Why the first rejected span was refused (the partial_success error_message). */
  firstRejection?: string;
}

/**
 * Maps spans onto Rollgate's telemetry: every SERVER span is one request sample (its duration,
 * HTTP status, route, at the span's end); a span with status ERROR or `exception` events is one
 * error event per exception (or one for the status). A span that ended outside the accepted
 * times, or whose mapping breaks the schemas (duration over an hour, a status outside 100–599, an environment name over 50 characters) is
 * rejected alone, for partial_success; the rest of the batch is kept.
 */
export function spanTelemetry(
  batch: readonly OtlpResourceSpans[],
  accepted: AcceptedTimes,
  keyEnvironment?: string,
): SpanTelemetry {
  const out: SpanTelemetry = { requests: [], errors: [], rejected: 0 };
  const reject = (why: string) => {
    out.rejected += 1;
    out.firstRejection ??= why;
  };
  for (const rs of batch) {
    const labels = resourceLabels(rs.resource, keyEnvironment);
    for (const span of rs.spans) {
      const endMs = Number(span.endNs / 1_000_000n);
      if (endMs < accepted.fromMs || endMs > accepted.toMs) {
        reject(
          `span ${span.spanId || span.name}: ended ${isoFromNanos(span.endNs)}, outside the accepted range`,
        );
        continue;
      }
      const request = span.kind === SPAN_KIND_SERVER ? requestOf(span, labels) : undefined;
      const errors = errorsOf(span, labels);
      const checked = [
        ...(request ? [requestSampleSchema.safeParse(request)] : []),
        ...errors.map((e) => errorEventSchema.safeParse(e)),
      ];
      const failed = checked.find((c) => !c.success);
      if (failed?.error) {
        const issue = failed.error.issues[0];
        reject(`span ${span.spanId || span.name}: ${issue?.path.join('.')} ${issue?.message}`);
        continue;
      }
      if (request) out.requests.push({ ...request, service: labels.service });
      out.errors.push(...errors.map((e) => ({ ...e, service: labels.service })));
    }
  }
  return out;
}

function requestOf(span: OtlpSpan, labels: ResourceLabels): RequestSampleInput {
  const status = httpStatus(span.attributes);
  return {
    duration_ms: Number(span.endNs - span.startNs) / 1e6,
    // A SERVER span without an HTTP status (gRPC, a queue consumer…): its span status decides.
    status: status ?? (span.status.code === STATUS_CODE_ERROR ? 500 : 200),
    route: label(text(span.attributes, 'http.route'), 200),
    release: label(labels.release, 100),
    environment: labels.environment || undefined,
    timestamp: isoFromNanos(span.endNs),
    // Links the request's exemplar to the span's error events.
    trace_id: label(span.traceId, 128),
  };
}

function errorsOf(span: OtlpSpan, labels: ResourceLabels): ErrorEventInput[] {
  const exceptions = span.events.filter((e) => e.name === 'exception');
  if (exceptions.length > 0) return exceptions.map((e) => exceptionEvent(span, labels, e));
  if (span.status.code !== STATUS_CODE_ERROR) return [];
  return [
    errorEvent(span, labels, {
      message: span.status.message || `${span.name} failed`,
      at: span.endNs,
    }),
  ];
}

function exceptionEvent(span: OtlpSpan, labels: ResourceLabels, event: OtlpSpanEvent) {
  const type = text(event.attributes, 'exception.type');
  const message = text(event.attributes, 'exception.message');
  return errorEvent(span, labels, {
    message: [type, message].filter(Boolean).join(': ') || span.status.message || span.name,
    type,
    stack: text(event.attributes, 'exception.stacktrace'),
    at: event.timeNs || span.endNs,
  });
}

function errorEvent(
  span: OtlpSpan,
  labels: ResourceLabels,
  e: { message: string; type?: string; stack?: string; at: bigint },
): ErrorEventInput {
  const route = text(span.attributes, 'http.route');
  return {
    error_message: e.message.slice(0, 8192),
    // The service is also the component the issue is filed under.
    component: label(labels.service, 100) ?? 'unknown_service',
    severity: 'error',
    release: label(labels.release, 100),
    environment: labels.environment || undefined,
    stack: e.stack ? e.stack.slice(0, 65_536) : undefined,
    timestamp: isoFromNanos(e.at),
    trace_id: label(span.traceId, 128),
    metadata: {
      source: 'otlp',
      service_name: labels.service,
      trace_id: span.traceId,
      span_id: span.spanId,
      span_name: span.name,
      ...(e.type ? { exception_type: e.type } : {}),
      ...(route ? { http_route: route } : {}),
    },
  };
}
