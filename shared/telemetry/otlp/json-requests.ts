import { z } from 'zod';
import { attributes, count, double, int64, protoEnum, resource } from './json-common.ts';
import type { OtlpMetric, OtlpResourceMetrics, OtlpResourceSpans } from './model.ts';

const SPAN_KINDS = [
  'SPAN_KIND_UNSPECIFIED',
  'SPAN_KIND_INTERNAL',
  'SPAN_KIND_SERVER',
  'SPAN_KIND_CLIENT',
  'SPAN_KIND_PRODUCER',
  'SPAN_KIND_CONSUMER',
];
const STATUS_CODES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'];
const TEMPORALITIES = [
  'AGGREGATION_TEMPORALITY_UNSPECIFIED',
  'AGGREGATION_TEMPORALITY_DELTA',
  'AGGREGATION_TEMPORALITY_CUMULATIVE',
];

const nanos = int64.optional().transform((v) => v ?? 0n);

const span = z
  .object({
    traceId: z.string().default(''),
    spanId: z.string().default(''),
    name: z.string().default(''),
    kind: protoEnum(SPAN_KINDS).default(0),
    startTimeUnixNano: nanos,
    endTimeUnixNano: nanos,
    attributes,
    events: z
      .array(z.object({ timeUnixNano: nanos, name: z.string().default(''), attributes }))
      .default([]),
    status: z
      .object({ code: protoEnum(STATUS_CODES).default(0), message: z.string().default('') })
      .default({ code: 0, message: '' }),
  })
  .transform((s) => ({
    traceId: s.traceId,
    spanId: s.spanId,
    name: s.name,
    kind: s.kind,
    startNs: s.startTimeUnixNano,
    endNs: s.endTimeUnixNano,
    attributes: s.attributes,
    events: s.events.map((e) => ({
      timeNs: e.timeUnixNano,
      name: e.name,
      attributes: e.attributes,
    })),
    status: s.status,
  }));

/** `ExportTraceServiceRequest` in OTLP/JSON. */
export const traceRequestJson = z
  .object({
    resourceSpans: z
      .array(
        z.object({
          resource,
          scopeSpans: z.array(z.object({ spans: z.array(span).default([]) })).default([]),
        }),
      )
      .default([]),
  })
  .transform((r): OtlpResourceSpans[] =>
    r.resourceSpans.map((rs) => ({
      resource: rs.resource,
      spans: rs.scopeSpans.flatMap((ss) => ss.spans),
    })),
  );

const histogramPoint = z
  .object({
    attributes,
    startTimeUnixNano: nanos,
    timeUnixNano: nanos,
    count: count.default(0),
    sum: double.optional(),
    min: double.optional(),
    max: double.optional(),
    bucketCounts: z.array(count).default([]),
    explicitBounds: z.array(double).default([]),
  })
  .transform(({ startTimeUnixNano, timeUnixNano, ...p }) => ({
    ...p,
    startNs: startTimeUnixNano,
    timeNs: timeUnixNano,
  }));

const dataPoints = z.object({ dataPoints: z.array(z.unknown()).default([]) });

const metric = z
  .object({
    name: z.string().default(''),
    unit: z.string().default(''),
    histogram: z
      .object({
        dataPoints: z.array(histogramPoint).default([]),
        aggregationTemporality: protoEnum(TEMPORALITIES).default(0),
      })
      .optional(),
    exponentialHistogram: dataPoints.optional(),
    gauge: dataPoints.optional(),
    sum: dataPoints.optional(),
    summary: dataPoints.optional(),
  })
  .transform((m): Omit<OtlpMetric, 'scope'> => {
    const base = { name: m.name, unit: m.unit };
    if (m.histogram)
      return {
        ...base,
        kind: 'histogram',
        histogram: {
          temporality: m.histogram.aggregationTemporality,
          points: m.histogram.dataPoints,
        },
        pointCount: m.histogram.dataPoints.length,
      };
    const other = (
      [
        ['exponential_histogram', m.exponentialHistogram],
        ['gauge', m.gauge],
        ['sum', m.sum],
        ['summary', m.summary],
      ] as const
    ).find(([, data]) => data);
    if (!other) return { ...base, kind: 'none', pointCount: 0 };
    return { ...base, kind: other[0], pointCount: other[1]?.dataPoints.length ?? 0 };
  });

/** `ExportMetricsServiceRequest` in OTLP/JSON. */
export const metricsRequestJson = z
  .object({
    resourceMetrics: z
      .array(
        z.object({
          resource,
          scopeMetrics: z
            .array(
              z.object({
                scope: z.object({ name: z.string().default('') }).optional(),
                metrics: z.array(metric).default([]),
              }),
            )
            .default([]),
        }),
      )
      .default([]),
  })
  .transform((r): OtlpResourceMetrics[] =>
    r.resourceMetrics.map((rm) => ({
      resource: rm.resource,
      metrics: rm.scopeMetrics.flatMap((sm) =>
        sm.metrics.map((m) => ({ ...m, scope: sm.scope?.name ?? '' })),
      ),
    })),
  );
