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

function readResourceSpans(reader: ProtobufReader): OtlpResourceSpans {
  const result: OtlpResourceSpans = { resource: {}, spans: [] };
  while (reader.more()) {
    const { field, wire } = reader.tag();
    if (field === 1 && wire === WIRE.len) result.resource = readResource(reader.message());
    else if (field === 2 && wire === WIRE.len) readScopeSpans(reader.message(), result.spans);
    else reader.skip(wire);
  }
  return result;
}

function readScopeSpans(reader: ProtobufReader, into: OtlpSpan[]): void {
  while (reader.more()) {
    const { field, wire } = reader.tag();
    if (field === 2) {
      reader.expect(wire, WIRE.len, 'ScopeSpans.spans');
      into.push(readSpan(reader.message()));
    } else reader.skip(wire);
  }
}

function readSpan(reader: ProtobufReader): OtlpSpan {
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
  while (reader.more()) {
    const { field, wire } = reader.tag();
    switch (field) {
      case 1:
        reader.expect(wire, WIRE.len, 'Span.trace_id');
        span.traceId = hex(reader.bytes());
        break;
      case 2:
        reader.expect(wire, WIRE.len, 'Span.span_id');
        span.spanId = hex(reader.bytes());
        break;
      case 5:
        reader.expect(wire, WIRE.len, 'Span.name');
        span.name = reader.string();
        break;
      case 6:
        reader.expect(wire, WIRE.varint, 'Span.kind');
        span.kind = reader.varint();
        break;
      case 7:
        reader.expect(wire, WIRE.i64, 'Span.start_time_unix_nano');
        span.startNs = reader.fixed64();
        break;
      case 8:
        reader.expect(wire, WIRE.i64, 'Span.end_time_unix_nano');
        span.endNs = reader.fixed64();
        break;
      case 9:
        reader.expect(wire, WIRE.len, 'Span.attributes');
        readKeyValue(reader.message(), span.attributes);
        break;
      case 11:
        reader.expect(wire, WIRE.len, 'Span.events');
        span.events.push(readEvent(reader.message()));
        break;
      case 15:
        reader.expect(wire, WIRE.len, 'Span.status');
        span.status = readStatus(reader.message());
        break;
      default:
        reader.skip(wire);
    }
  }
  return span;
}

function readEvent(reader: ProtobufReader): OtlpSpanEvent {
  const event: OtlpSpanEvent = { timeNs: 0n, name: '', attributes: {} };
  while (reader.more()) {
    const { field, wire } = reader.tag();
    if (field === 1 && wire === WIRE.i64) event.timeNs = reader.fixed64();
    else if (field === 2 && wire === WIRE.len) event.name = reader.string();
    else if (field === 3 && wire === WIRE.len) readKeyValue(reader.message(), event.attributes);
    else reader.skip(wire);
  }
  return event;
}

/** `Status`: message = 2, code = 3 (field 1 is reserved). */
function readStatus(reader: ProtobufReader): OtlpSpan['status'] {
  const status = { code: 0, message: '' };
  while (reader.more()) {
    const { field, wire } = reader.tag();
    if (field === 2 && wire === WIRE.len) status.message = reader.string();
    else if (field === 3 && wire === WIRE.varint) status.code = reader.varint();
    else reader.skip(wire);
  }
  return status;
}
