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

function readResourceMetrics(reader: ProtobufReader): OtlpResourceMetrics {
  const result: OtlpResourceMetrics = { resource: {}, metrics: [] };
  while (reader.more()) {
    const { field, wire } = reader.tag();
    if (field === 1 && wire === WIRE.len) result.resource = readResource(reader.message());
    else if (field === 2 && wire === WIRE.len) readScopeMetrics(reader.message(), result.metrics);
    else reader.skip(wire);
  }
  return result;
}

function readScopeMetrics(reader: ProtobufReader, into: OtlpMetric[]): void {
  let scope = '';
  const metrics: OtlpMetric[] = [];
  while (reader.more()) {
    const { field, wire } = reader.tag();
    if (field === 1 && wire === WIRE.len) scope = readScopeName(reader.message());
    else if (field === 2) {
      reader.expect(wire, WIRE.len, 'ScopeMetrics.metrics');
      metrics.push(readMetric(reader.message()));
    } else reader.skip(wire);
  }
  for (const m of metrics) into.push({ ...m, scope });
}

function readMetric(reader: ProtobufReader): OtlpMetric {
  const metric: OtlpMetric = { scope: '', name: '', unit: '', kind: 'none', pointCount: 0 };
  while (reader.more()) {
    const { field, wire } = reader.tag();
    const kind = DATA_FIELDS[field];
    if (field === 1 && wire === WIRE.len) metric.name = reader.string();
    else if (field === 3 && wire === WIRE.len) metric.unit = reader.string();
    else if (kind) {
      reader.expect(wire, WIRE.len, `Metric.${kind}`);
      metric.kind = kind;
      const data = reader.message();
      if (kind === 'histogram') {
        metric.histogram = readHistogram(data);
        metric.pointCount = metric.histogram.points.length;
      } else metric.pointCount = countDataPoints(data);
    } else reader.skip(wire);
  }
  return metric;
}

/** Every data-bearing message keeps its data points in field 1. */
function countDataPoints(reader: ProtobufReader): number {
  let n = 0;
  while (reader.more()) {
    const { field, wire } = reader.tag();
    if (field === 1 && wire === WIRE.len) n += 1;
    reader.skip(wire);
  }
  return n;
}

function readHistogram(reader: ProtobufReader): NonNullable<OtlpMetric['histogram']> {
  const histogram = { temporality: 0, points: [] as OtlpHistogramPoint[] };
  while (reader.more()) {
    const { field, wire } = reader.tag();
    if (field === 1) {
      reader.expect(wire, WIRE.len, 'Histogram.data_points');
      histogram.points.push(readHistogramPoint(reader.message()));
    } else if (field === 2 && wire === WIRE.varint) histogram.temporality = reader.varint();
    else reader.skip(wire);
  }
  return histogram;
}

/** `HistogramDataPoint`: bucket_counts (6) and explicit_bounds (7) packed or not. */
function readHistogramPoint(reader: ProtobufReader): OtlpHistogramPoint {
  const point: OtlpHistogramPoint = {
    attributes: {},
    startNs: 0n,
    timeNs: 0n,
    count: 0,
    bucketCounts: [],
    explicitBounds: [],
  };
  while (reader.more()) {
    const { field, wire } = reader.tag();
    switch (field) {
      case 9:
        reader.expect(wire, WIRE.len, 'HistogramDataPoint.attributes');
        readKeyValue(reader.message(), point.attributes);
        break;
      case 2:
        reader.expect(wire, WIRE.i64, 'HistogramDataPoint.start_time_unix_nano');
        point.startNs = reader.fixed64();
        break;
      case 3:
        reader.expect(wire, WIRE.i64, 'HistogramDataPoint.time_unix_nano');
        point.timeNs = reader.fixed64();
        break;
      case 4:
        reader.expect(wire, WIRE.i64, 'HistogramDataPoint.count');
        point.count = Number(reader.fixed64());
        break;
      case 5:
        reader.expect(wire, WIRE.i64, 'HistogramDataPoint.sum');
        point.sum = reader.double();
        break;
      case 6:
        if (wire !== WIRE.len) reader.expect(wire, WIRE.i64, 'HistogramDataPoint.bucket_counts');
        point.bucketCounts.push(...reader.repeated(wire, (x) => Number(x.fixed64())));
        break;
      case 7:
        if (wire !== WIRE.len) reader.expect(wire, WIRE.i64, 'HistogramDataPoint.explicit_bounds');
        point.explicitBounds.push(...reader.repeated(wire, (x) => x.double()));
        break;
      case 11:
        reader.expect(wire, WIRE.i64, 'HistogramDataPoint.min');
        point.min = reader.double();
        break;
      case 12:
        reader.expect(wire, WIRE.i64, 'HistogramDataPoint.max');
        point.max = reader.double();
        break;
      default:
        reader.skip(wire);
    }
  }
  return point;
}
