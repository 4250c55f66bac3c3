import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/app-error.ts';
import { decodeMetricsRequest } from '../../shared/telemetry/otlp/protobuf-metrics.ts';
import { decodeTraceRequest } from '../../shared/telemetry/otlp/protobuf-traces.ts';

/** A minimal protobuf writer for fixtures: tag, varint, length-delimited, fixed64, double. */
const varint = (n: number): number[] => {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  return [...out, v];
};
const len = (field: number, bytes: number[]) => [field * 8 + 2, ...varint(bytes.length), ...bytes];
const str = (field: number, s: string) => len(field, [...new TextEncoder().encode(s)]);
const fixed64 = (field: number, n: bigint) => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, n, true);
  return [field * 8 + 1, ...b];
};
const double = (v: number) => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, v, true);
  return [...b];
};
const kv = (key: string, value: number[]) => len(1, [...str(1, key), ...len(2, value)]);

describe('the OTLP protobuf decoder', () => {
  const span = [
    ...len(1, [0xab, 0xcd]),
    ...str(5, 'GET /x'),
    6 * 8,
    2,
    ...fixed64(7, 1_000_000n),
    ...fixed64(8, 6_000_000n),
    ...len(9, [...str(1, 'http.response.status_code'), ...len(2, [3 * 8, ...varint(503)])]),
    ...len(15, [...str(2, 'boom'), 3 * 8, 2]),
    // An unknown field (99, varint) is skipped.
    ...varint(99 * 8),
    1,
  ];
  const request = len(1, [
    ...len(1, kv('service.version', str(1, '1.2.3'))),
    ...len(2, len(2, span)),
  ]);

  it('reads spans, resource attributes and status, skipping unknown fields', () => {
    const [rs] = decodeTraceRequest(new Uint8Array(request));
    expect(rs?.resource).toEqual({ 'service.version': '1.2.3' });
    expect(rs?.spans[0]).toMatchObject({
      traceId: 'abcd',
      name: 'GET /x',
      kind: 2,
      startNs: 1_000_000n,
      endNs: 6_000_000n,
      attributes: { 'http.response.status_code': 503 },
      status: { code: 2, message: 'boom' },
    });
  });

  it('refuses every truncation of a valid request with invalid_protobuf', () => {
    // The request is one length-delimited field, so every cut leaves its length lying.
    for (let cut = 1; cut < request.length; cut++) {
      let code = 'decoded';
      try {
        decodeTraceRequest(new Uint8Array(request.slice(0, cut)));
      } catch (err) {
        code = err instanceof AppError ? err.code : String(err);
      }
      expect(code, `cut at ${cut}`).toBe('invalid_protobuf');
    }
  });

  it('reads histogram bucket counts and bounds packed or one at a time', () => {
    const dp = (packed: boolean) => [
      ...fixed64(3, 2_000_000n),
      ...fixed64(4, 3n),
      ...(packed
        ? [
            ...len(6, [...fixed64(0, 1n).slice(1), ...fixed64(0, 2n).slice(1)]),
            ...len(7, double(0.1)),
          ]
        : [...fixed64(6, 1n), ...fixed64(6, 2n), 7 * 8 + 1, ...double(0.1)]),
    ];
    for (const packed of [true, false]) {
      const metric = [
        ...str(1, 'http.server.request.duration'),
        ...str(3, 's'),
        ...len(9, [...len(1, dp(packed)), 2 * 8, 2]),
      ];
      const [rm] = decodeMetricsRequest(new Uint8Array(len(1, len(2, len(2, metric)))));
      expect(rm?.metrics[0]).toMatchObject({
        name: 'http.server.request.duration',
        unit: 's',
        kind: 'histogram',
        histogram: {
          temporality: 2,
          points: [{ count: 3, bucketCounts: [1, 2], explicitBounds: [0.1] }],
        },
      });
    }
  });
});
