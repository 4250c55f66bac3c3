import { AppError } from '../../app-error.ts';

/** Protocol Buffers wire types (https://protobuf.dev/programming-guides/encoding/). */
export const WIRE = { varint: 0, i64: 1, len: 2, i32: 5 } as const;

/** Bad bytes are the sender's fault: a 400 naming what broke and where, nothing written. */
export function invalidProtobuf(message: string, offset: number): AppError {
  return new AppError(400, 'invalid_protobuf', `${message} at byte ${offset}`, {
    details: { offset },
  });
}

const utf8 = new TextDecoder();

/**
 * A reader over one protobuf message: just the wire format (varints, fixed-width numbers,
 * length-delimited fields), so OTLP can be decoded with no generated code and no dependency.
 * Every read is bounds-checked against the message's own end, so a truncated or lying length
 * is a 400 (`invalid_protobuf`), never a read past the buffer or a hang.
 */
export class ProtobufReader {
  private readonly view: DataView;
  pos: number;

  constructor(
    private readonly buf: Uint8Array,
    start = 0,
    private readonly end = buf.length,
  ) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.pos = start;
  }

  more(): boolean {
    return this.pos < this.end;
  }

  /** The next field's number and wire type. */
  tag(): { field: number; wire: number } {
    const at = this.pos;
    const key = this.varint();
    const field = Math.floor(key / 8);
    if (field < 1) throw invalidProtobuf('field number 0', at);
    return { field, wire: key % 8 };
  }

  /** An unsigned varint as a bigint (uint64 and int64 both need all 64 bits). */
  varintBig(): bigint {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (this.pos >= this.end) throw invalidProtobuf('truncated varint', this.pos);
      const byte = this.buf[this.pos++] as number;
      result |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return BigInt.asUintN(64, result);
    }
    throw invalidProtobuf('varint longer than 10 bytes', this.pos);
  }

  /** A varint as a number: exact below 2^53, which counts, enums and lengths always are. */
  varint(): number {
    return Number(this.varintBig());
  }

  /** int64 in two's complement (AnyValue.int_value). */
  int64(): number {
    return Number(BigInt.asIntN(64, this.varintBig()));
  }

  fixed64(): bigint {
    this.need(8);
    const value = this.view.getBigUint64(this.pos, true);
    this.pos += 8;
    return value;
  }

  double(): number {
    this.need(8);
    const value = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return value;
  }

  /** A length-delimited field's bytes (a view, not a copy). */
  bytes(): Uint8Array {
    const at = this.pos;
    const length = this.varint();
    if (length > this.end - this.pos)
      throw invalidProtobuf(`length ${length} runs past the end of the message`, at);
    const value = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return value;
  }

  /** A string; U+0000, which PostgreSQL text cannot hold, becomes U+FFFD. */
  string(): string {
    return utf8.decode(this.bytes()).replaceAll('\u0000', '\uFFFD');
  }

  /** The embedded message of a length-delimited field. */
  message(): ProtobufReader {
    const bytes = this.bytes();
    return new ProtobufReader(bytes);
  }

  /** A repeated fixed64 or double: packed (one length-delimited run) or one value at a time. */
  repeated<T>(wire: number, read: (r: ProtobufReader) => T): T[] {
    if (wire !== WIRE.len) return [read(this)];
    const run = this.message();
    const values: T[] = [];
    while (run.more()) values.push(read(run));
    return values;
  }

  /** Skips a field this decoder does not use; groups (wire types 3, 4) are long deprecated. */
  skip(wire: number): void {
    const at = this.pos;
    if (wire === WIRE.varint) this.varintBig();
    else if (wire === WIRE.i64) this.need(8, () => (this.pos += 8));
    else if (wire === WIRE.len) this.bytes();
    else if (wire === WIRE.i32) this.need(4, () => (this.pos += 4));
    else throw invalidProtobuf(`unsupported wire type ${wire}`, at);
  }

  /** Fails unless a known field came with the wire type its .proto declares. */
  expect(wire: number, wanted: number, field: string): void {
    if (wire !== wanted)
      throw invalidProtobuf(`field ${field} has wire type ${wire}, expected ${wanted}`, this.pos);
  }

  private need(n: number, then?: () => void): void {
    if (this.end - this.pos < n) throw invalidProtobuf(`truncated ${n}-byte value`, this.pos);
    then?.();
  }
}
