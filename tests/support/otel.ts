import { type Attributes, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import {
  AggregationTemporalityPreference,
  OTLPMetricExporter as JsonMetricExporter,
} from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtoMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';

/** What an exporter reported for each export: code 0 is success. */
export type ExportResults = Array<{ code: number; error?: Error }>;

/** The exporter itself, recording each export's result (the SDK only logs failures). */
function recording<T extends object>(exporter: T, results: ExportResults): T {
  return new Proxy(exporter, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (property !== 'export') return typeof value === 'function' ? value.bind(target) : value;
      return (data: unknown, done: (r: ExportResults[number]) => void) =>
        (value as (d: unknown, cb: (r: ExportResults[number]) => void) => void).call(
          target,
          data,
          (r) => {
            results.push(r);
            done(r);
          },
        );
    },
  });
}

export interface OtelTarget {
  /** The OTLP endpoint base: `<functions url>/production-monitoring`. */
  endpoint: string;
  headers: Record<string, string>;
  format: 'json' | 'protobuf';
  resource: Attributes;
  gzip?: boolean;
  /** Configure the exporter only from OTEL_EXPORTER_OTLP_ENDPOINT / _HEADERS, as an app would. */
  fromEnv?: boolean;
}

export interface ServerSpan {
  ms: number;
  status: number;
  route?: string;
  /** An exception recorded on the span (status ERROR). */
  exception?: Error;
  /** Status ERROR with this message, no exception event. */
  errorMessage?: string;
  kind?: SpanKind;
  endedAgoMs?: number;
}

/**
 * A real OpenTelemetry tracer provider (BatchSpanProcessor, the OTLP/HTTP exporter in JSON or
 * protobuf) sending to Rollgate; `send` ends the spans and flushes.
 */
export function otelTracer(target: OtelTarget) {
  const results: ExportResults = [];
  const options = target.fromEnv
    ? {}
    : {
        url: `${target.endpoint}/v1/traces`,
        headers: target.headers,
        ...(target.gzip ? { compression: 'gzip' as never } : {}),
      };
  const exporter =
    target.format === 'json' ? new JsonTraceExporter(options) : new ProtoTraceExporter(options);
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes(target.resource),
    spanProcessors: [
      new BatchSpanProcessor(recording(exporter, results), {
        maxExportBatchSize: 2000,
        maxQueueSize: 10_000,
        scheduledDelayMillis: 60_000,
      }),
    ],
  });
  const tracer = provider.getTracer('rollgate-tests', '1.0.0');
  return {
    results,
    provider,
    async send(spans: readonly ServerSpan[]) {
      const now = Date.now();
      for (const s of spans) {
        const end = now - (s.endedAgoMs ?? 0);
        const span = tracer.startSpan(s.route ? `GET ${s.route}` : 'GET', {
          kind: s.kind ?? SpanKind.SERVER,
          startTime: end - s.ms,
          attributes: {
            'http.request.method': 'GET',
            'http.response.status_code': s.status,
            ...(s.route ? { 'http.route': s.route } : {}),
          },
        });
        if (s.exception) {
          span.recordException(s.exception, end - 1);
          span.setStatus({ code: SpanStatusCode.ERROR, message: s.exception.message });
        } else if (s.errorMessage)
          span.setStatus({ code: SpanStatusCode.ERROR, message: s.errorMessage });
        span.end(end);
      }
      await provider.forceFlush();
    },
  };
}

/**
 * A real MeterProvider with a PeriodicExportingMetricReader and the OTLP/HTTP metric exporter
 * (JSON or protobuf; CUMULATIVE, the SDK's default, unless `delta`), recording the stable HTTP
 * conventions' `http.server.request.duration` in seconds with their advised bucket bounds.
 */
export function otelMeter(target: OtelTarget & { delta?: boolean }) {
  const results: ExportResults = [];
  const options = {
    url: `${target.endpoint}/v1/metrics`,
    headers: target.headers,
    ...(target.gzip ? { compression: 'gzip' as never } : {}),
    ...(target.delta ? { temporalityPreference: AggregationTemporalityPreference.DELTA } : {}),
  };
  const exporter =
    target.format === 'json' ? new JsonMetricExporter(options) : new ProtoMetricExporter(options);
  const provider = new MeterProvider({
    resource: resourceFromAttributes(target.resource),
    readers: [
      new PeriodicExportingMetricReader({
        exporter: recording(exporter, results),
        exportIntervalMillis: 600_000,
      }),
    ],
  });
  const duration = provider
    .getMeter('rollgate-tests')
    .createHistogram('http.server.request.duration', {
      unit: 's',
      advice: {
        explicitBucketBoundaries: [
          0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
        ],
      },
    });
  return {
    results,
    provider,
    /** Records requests (ms, status, route) and exports them now. */
    async send(requests: ReadonlyArray<{ ms: number; status: number; route?: string }>) {
      for (const r of requests)
        duration.record(r.ms / 1000, {
          'http.request.method': 'GET',
          'http.response.status_code': r.status,
          ...(r.route ? { 'http.route': r.route } : {}),
        });
      await provider.forceFlush();
    },
  };
}

/** Sends spans with a fresh protobuf tracer and returns the exports' result codes (0: success). */
export async function sendSpans(
  target: Omit<OtelTarget, 'format'>,
  spans: readonly ServerSpan[],
): Promise<number[]> {
  const otel = otelTracer({ ...target, format: 'protobuf' });
  await otel.send(spans);
  return otel.results.map((r) => r.code);
}
