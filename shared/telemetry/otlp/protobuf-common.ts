import { type Attributes, base64 } from './model.ts';
import { invalidProtobuf, type ProtobufReader, WIRE } from './protobuf-reader.ts';

/** Deepest AnyValue nesting read (arrays and key-value lists in attributes); deeper is a 400. */
const MAX_DEPTH = 16;

/** Reads one `KeyValue` (common.proto: key = 1, value = 2) into `into`. */
export function readKeyValue(reader: ProtobufReader, into: Attributes, depth = 0): void {
  let key = '';
  let value: unknown = null;
  while (reader.more()) {
    const { field, wire } = reader.tag();
    if (field === 1) {
      reader.expect(wire, WIRE.len, 'KeyValue.key');
      key = reader.string();
    } else if (field === 2) {
      reader.expect(wire, WIRE.len, 'KeyValue.value');
      value = readAnyValue(reader.message(), depth + 1);
    } else reader.skip(wire);
  }
  if (key) into[key] = value;
}

/** `AnyValue`: string 1, bool 2, int64 3, double 4, array 5, kvlist 6, bytes 7. */
export function readAnyValue(reader: ProtobufReader, depth: number): unknown {
  if (depth > MAX_DEPTH)
    throw invalidProtobuf(`AnyValue nested deeper than ${MAX_DEPTH}`, reader.pos);
  let value: unknown = null;
  while (reader.more()) {
    const { field, wire } = reader.tag();
    if (field === 1 && wire === WIRE.len) value = reader.string();
    else if (field === 2 && wire === WIRE.varint) value = reader.varint() !== 0;
    else if (field === 3 && wire === WIRE.varint) value = reader.int64();
    else if (field === 4 && wire === WIRE.i64) value = reader.double();
    else if (field === 5 && wire === WIRE.len) value = readList(reader.message(), depth);
    else if (field === 6 && wire === WIRE.len) value = readKeyValueList(reader.message(), depth);
    else if (field === 7 && wire === WIRE.len) value = base64(reader.bytes());
    else reader.skip(wire);
  }
  return value;
}

function readList(reader: ProtobufReader, depth: number): unknown[] {
  const values: unknown[] = [];
  while (reader.more()) {
    const { field, wire } = reader.tag();
    if (field === 1 && wire === WIRE.len) values.push(readAnyValue(reader.message(), depth + 1));
    else reader.skip(wire);
  }
  return values;
}

function readKeyValueList(reader: ProtobufReader, depth: number): Attributes {
  const values: Attributes = {};
  while (reader.more()) {
    const { field, wire } = reader.tag();
    if (field === 1 && wire === WIRE.len) readKeyValue(reader.message(), values, depth + 1);
    else reader.skip(wire);
  }
  return values;
}

/** `Resource` (resource.proto): its attributes (field 1). */
export function readResource(reader: ProtobufReader): Attributes {
  const attributes: Attributes = {};
  while (reader.more()) {
    const { field, wire } = reader.tag();
    if (field === 1 && wire === WIRE.len) readKeyValue(reader.message(), attributes);
    else reader.skip(wire);
  }
  return attributes;
}

/** `InstrumentationScope`'s name (field 1). */
export function readScopeName(reader: ProtobufReader): string {
  let name = '';
  while (reader.more()) {
    const { field, wire } = reader.tag();
    if (field === 1 && wire === WIRE.len) name = reader.string();
    else reader.skip(wire);
  }
  return name;
}
