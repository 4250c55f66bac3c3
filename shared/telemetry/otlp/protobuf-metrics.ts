import type { OtlpHistogramPoint, OtlpMetric, OtlpResourceMetrics } from './model.ts';
import { readKeyValue, readResource, readScopeName } from './protobuf-common.ts';
import { ProtobufReader, WIRE } from './protobuf-reader.ts';

/** Metric's `data` oneof (metrics/v1/metrics.proto): field number → kind. */
const DATA_FIELDS: Record<number, OtlpMetric['kind']> = {
  5: 'gauge',
  7: 'sum',
  9: 'histogram',
  10: 'exponential_histogram',
  11: 'summary',
};

/**
 * Decodes an `ExportMetricsServiceRequest` (collector/metrics/v1/metrics_service.proto): every
 * metric's name, unit and kind, and the data points of explicit-bucket histograms; other kinds
 * only have their data points counted.
 */
export function decodeMetricsRequest(bytes: Uint8Array): OtlpResourceMetrics[] {
  const r = new ProtobufReader(bytes);
  const out: OtlpResourceMetrics[] = [];
  while (r.more()) {
    const { field, wire } = r.tag();
    if (field === 1) {
      r.expect(wire, WIRE.len, 'resource_metrics');
      out.push(readResourceMetrics(r.message()));
    } else r.skip(wire);
  }
  return out;
}

function readResourceMetrics(r: ProtobufReader): OtlpResourceMetrics {
  const result: OtlpResourceMetrics = { resource: {}, metrics: [] };
  while (r.more()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE.len) result.resource = readResource(r.message());
    else if (field === 2 && wire === WIRE.len) readScopeMetrics(r.message(), result.metrics);
    else r.skip(wire);
  }
  return result;
}

function readScopeMetrics(r: ProtobufReader, into: OtlpMetric[]): void {
  let scope = '';
  const metrics: OtlpMetric[] = [];
  while (r.more()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE.len) scope = readScopeName(r.message());
    else if (field === 2) {
      r.expect(wire, WIRE.len, 'ScopeMetrics.metrics');
      metrics.push(readMetric(r.message()));
    } else r.skip(wire);
  }
  for (const m of metrics) into.push({ ...m, scope });
}

function readMetric(r: ProtobufReader): OtlpMetric {
  const metric: OtlpMetric = { scope: '', name: '', unit: '', kind: 'none', pointCount: 0 };
  while (r.more()) {
    const { field, wire } = r.tag();
    const kind = DATA_FIELDS[field];
    if (field === 1 && wire === WIRE.len) metric.name = r.string();
    else if (field === 3 && wire === WIRE.len) metric.unit = r.string();
    else if (kind) {
      r.expect(wire, WIRE.len, `Metric.${kind}`);
      metric.kind = kind;
      const data = r.message();
      if (kind === 'histogram') {
        metric.histogram = readHistogram(data);
        metric.pointCount = metric.histogram.points.length;
      } else metric.pointCount = countDataPoints(data);
    } else r.skip(wire);
  }
  return metric;
}

/** Every data-bearing message keeps its data points in field 1. */
function countDataPoints(r: ProtobufReader): number {
  let n = 0;
  while (r.more()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE.len) n += 1;
    r.skip(wire);
  }
  return n;
}

function readHistogram(r: ProtobufReader): NonNullable<OtlpMetric['histogram']> {
  const histogram = { temporality: 0, points: [] as OtlpHistogramPoint[] };
  while (r.more()) {
    const { field, wire } = r.tag();
    if (field === 1) {
      r.expect(wire, WIRE.len, 'Histogram.data_points');
      histogram.points.push(readHistogramPoint(r.message()));
    } else if (field === 2 && wire === WIRE.varint) histogram.temporality = r.varint();
    else r.skip(wire);
  }
  return histogram;
}

/** `HistogramDataPoint`: bucket_counts (6) and explicit_bounds (7) packed or not. */
function readHistogramPoint(r: ProtobufReader): OtlpHistogramPoint {
  const point: OtlpHistogramPoint = {
    attributes: {},
    startNs: 0n,
    timeNs: 0n,
    count: 0,
    bucketCounts: [],
    explicitBounds: [],
  };
  while (r.more()) {
    const { field, wire } = r.tag();
    switch (field) {
      case 9:
        r.expect(wire, WIRE.len, 'HistogramDataPoint.attributes');
        readKeyValue(r.message(), point.attributes);
        break;
      case 2:
        r.expect(wire, WIRE.i64, 'HistogramDataPoint.start_time_unix_nano');
        point.startNs = r.fixed64();
        break;
      case 3:
        r.expect(wire, WIRE.i64, 'HistogramDataPoint.time_unix_nano');
        point.timeNs = r.fixed64();
        break;
      case 4:
        r.expect(wire, WIRE.i64, 'HistogramDataPoint.count');
        point.count = Number(r.fixed64());
        break;
      case 5:
        r.expect(wire, WIRE.i64, 'HistogramDataPoint.sum');
        point.sum = r.double();
        break;
      case 6:
        if (wire !== WIRE.len) r.expect(wire, WIRE.i64, 'HistogramDataPoint.bucket_counts');
        point.bucketCounts.push(...r.repeated(wire, (x) => Number(x.fixed64())));
        break;
      case 7:
        if (wire !== WIRE.len) r.expect(wire, WIRE.i64, 'HistogramDataPoint.explicit_bounds');
        point.explicitBounds.push(...r.repeated(wire, (x) => x.double()));
        break;
      case 11:
        r.expect(wire, WIRE.i64, 'HistogramDataPoint.min');
        point.min = r.double();
        break;
      case 12:
        r.expect(wire, WIRE.i64, 'HistogramDataPoint.max');
        point.max = r.double();
        break;
      default:
        r.skip(wire);
    }
  }
  return point;
}
