import { hex, type OtlpResourceSpans, type OtlpSpan, type OtlpSpanEvent } from './model.ts';
import { readKeyValue, readResource } from './protobuf-common.ts';
import { ProtobufReader, WIRE } from './protobuf-reader.ts';

/**
 * Decodes an `ExportTraceServiceRequest` (collector/trace/v1/trace_service.proto) down to what
 * the mapping reads; every other field is skipped by its wire type. Field numbers are the .proto's.
 */
export function decodeTraceRequest(bytes: Uint8Array): OtlpResourceSpans[] {
  const r = new ProtobufReader(bytes);
  const out: OtlpResourceSpans[] = [];
  while (r.more()) {
    const { field, wire } = r.tag();
    if (field === 1) {
      r.expect(wire, WIRE.len, 'resource_spans');
      out.push(readResourceSpans(r.message()));
    } else r.skip(wire);
  }
  return out;
}

function readResourceSpans(r: ProtobufReader): OtlpResourceSpans {
  const result: OtlpResourceSpans = { resource: {}, spans: [] };
  while (r.more()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE.len) result.resource = readResource(r.message());
    else if (field === 2 && wire === WIRE.len) readScopeSpans(r.message(), result.spans);
    else r.skip(wire);
  }
  return result;
}

function readScopeSpans(r: ProtobufReader, into: OtlpSpan[]): void {
  while (r.more()) {
    const { field, wire } = r.tag();
    if (field === 2) {
      r.expect(wire, WIRE.len, 'ScopeSpans.spans');
      into.push(readSpan(r.message()));
    } else r.skip(wire);
  }
}

function readSpan(r: ProtobufReader): OtlpSpan {
  const span: OtlpSpan = {
    traceId: '',
    spanId: '',
    name: '',
    kind: 0,
    startNs: 0n,
    endNs: 0n,
    attributes: {},
    events: [],
    status: { code: 0, message: '' },
  };
  while (r.more()) {
    const { field, wire } = r.tag();
    switch (field) {
      case 1:
        r.expect(wire, WIRE.len, 'Span.trace_id');
        span.traceId = hex(r.bytes());
        break;
      case 2:
        r.expect(wire, WIRE.len, 'Span.span_id');
        span.spanId = hex(r.bytes());
        break;
      case 5:
        r.expect(wire, WIRE.len, 'Span.name');
        span.name = r.string();
        break;
      case 6:
        r.expect(wire, WIRE.varint, 'Span.kind');
        span.kind = r.varint();
        break;
      case 7:
        r.expect(wire, WIRE.i64, 'Span.start_time_unix_nano');
        span.startNs = r.fixed64();
        break;
      case 8:
        r.expect(wire, WIRE.i64, 'Span.end_time_unix_nano');
        span.endNs = r.fixed64();
        break;
      case 9:
        r.expect(wire, WIRE.len, 'Span.attributes');
        readKeyValue(r.message(), span.attributes);
        break;
      case 11:
        r.expect(wire, WIRE.len, 'Span.events');
        span.events.push(readEvent(r.message()));
        break;
      case 15:
        r.expect(wire, WIRE.len, 'Span.status');
        span.status = readStatus(r.message());
        break;
      default:
        r.skip(wire);
    }
  }
  return span;
}

function readEvent(r: ProtobufReader): OtlpSpanEvent {
  const event: OtlpSpanEvent = { timeNs: 0n, name: '', attributes: {} };
  while (r.more()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE.i64) event.timeNs = r.fixed64();
    else if (field === 2 && wire === WIRE.len) event.name = r.string();
    else if (field === 3 && wire === WIRE.len) readKeyValue(r.message(), event.attributes);
    else r.skip(wire);
  }
  return event;
}

/** `Status`: message = 2, code = 3 (field 1 is reserved). */
function readStatus(r: ProtobufReader): OtlpSpan['status'] {
  const status = { code: 0, message: '' };
  while (r.more()) {
    const { field, wire } = r.tag();
    if (field === 2 && wire === WIRE.len) status.message = r.string();
    else if (field === 3 && wire === WIRE.varint) status.code = r.varint();
    else r.skip(wire);
  }
  return status;
}
