/**
 * OTLP requests as Rollgate reads them, whichever encoding they came in (protobuf or OTLP/JSON):
 * only the fields the mapping uses. Attribute values are plain JS values (int64 as a number,
 * bytes as base64, arrays and key-value lists as arrays and objects).
 */
export type Attributes = Record<string, unknown>;

/** Span kinds and status codes as the .proto numbers them. */
export const SPAN_KIND_SERVER = 2;
export const STATUS_CODE_ERROR = 2;

/** Metric temporality (opentelemetry/proto/metrics/v1/metrics.proto). */
export const TEMPORALITY = { unspecified: 0, delta: 1, cumulative: 2 } as const;

export interface OtlpSpanEvent {
  timeNs: bigint;
  name: string;
  attributes: Attributes;
}

export interface OtlpSpan {
  traceId: string;
  spanId: string;
  name: string;
  kind: number;
  startNs: bigint;
  endNs: bigint;
  attributes: Attributes;
  events: OtlpSpanEvent[];
  status: { code: number; message: string };
}

export interface OtlpResourceSpans {
  resource: Attributes;
  spans: OtlpSpan[];
}

export interface OtlpHistogramPoint {
  attributes: Attributes;
  startNs: bigint;
  timeNs: bigint;
  count: number;
  sum?: number | undefined;
  min?: number | undefined;
  max?: number | undefined;
  bucketCounts: number[];
  explicitBounds: number[];
}

export interface OtlpMetric {
  scope: string;
  name: string;
  unit: string;
  /** Set for an explicit-bucket histogram; other kinds are kept only as their kind's name. */
  histogram?: { temporality: number; points: OtlpHistogramPoint[] };
  kind: 'histogram' | 'exponential_histogram' | 'gauge' | 'sum' | 'summary' | 'none';
  /** Data points of any kind (for partial_success accounting of what is not used). */
  pointCount: number;
}

export interface OtlpResourceMetrics {
  resource: Attributes;
  metrics: OtlpMetric[];
}

/** Hex of trace and span ids, as OTLP/JSON writes them. */
export function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

export function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}
