import { type Attributes, base64 } from './model.ts';
import { invalidProtobuf, type ProtobufReader, WIRE } from './protobuf-reader.ts';

/** Deepest AnyValue nesting read (arrays and key-value lists in attributes); deeper is a 400. */
const MAX_DEPTH = 16;

/** Reads one `KeyValue` (common.proto: key = 1, value = 2) into `into`. */
export function readKeyValue(r: ProtobufReader, into: Attributes, depth = 0): void {
  let key = '';
  let value: unknown = null;
  while (r.more()) {
    const { field, wire } = r.tag();
    if (field === 1) {
      r.expect(wire, WIRE.len, 'KeyValue.key');
      key = r.string();
    } else if (field === 2) {
      r.expect(wire, WIRE.len, 'KeyValue.value');
      value = readAnyValue(r.message(), depth + 1);
    } else r.skip(wire);
  }
  if (key) into[key] = value;
}

/** `AnyValue`: string 1, bool 2, int64 3, double 4, array 5, kvlist 6, bytes 7. */
export function readAnyValue(r: ProtobufReader, depth: number): unknown {
  if (depth > MAX_DEPTH) throw invalidProtobuf(`AnyValue nested deeper than ${MAX_DEPTH}`, r.pos);
  let value: unknown = null;
  while (r.more()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE.len) value = r.string();
    else if (field === 2 && wire === WIRE.varint) value = r.varint() !== 0;
    else if (field === 3 && wire === WIRE.varint) value = r.int64();
    else if (field === 4 && wire === WIRE.i64) value = r.double();
    else if (field === 5 && wire === WIRE.len) value = readList(r.message(), depth);
    else if (field === 6 && wire === WIRE.len) value = readKeyValueList(r.message(), depth);
    else if (field === 7 && wire === WIRE.len) value = base64(r.bytes());
    else r.skip(wire);
  }
  return value;
}

function readList(r: ProtobufReader, depth: number): unknown[] {
  const values: unknown[] = [];
  while (r.more()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE.len) values.push(readAnyValue(r.message(), depth + 1));
    else r.skip(wire);
  }
  return values;
}

function readKeyValueList(r: ProtobufReader, depth: number): Attributes {
  const values: Attributes = {};
  while (r.more()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE.len) readKeyValue(r.message(), values, depth + 1);
    else r.skip(wire);
  }
  return values;
}

/** `Resource` (resource.proto): its attributes (field 1). */
export function readResource(r: ProtobufReader): Attributes {
  const attributes: Attributes = {};
  while (r.more()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE.len) readKeyValue(r.message(), attributes);
    else r.skip(wire);
  }
  return attributes;
}

/** `InstrumentationScope`'s name (field 1). */
export function readScopeName(r: ProtobufReader): string {
  let name = '';
  while (r.more()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE.len) name = r.string();
    else r.skip(wire);
  }
  return name;
}
