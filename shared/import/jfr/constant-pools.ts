/**
 * A chunk's constant pools: per class, values by long key (stack traces,
 * methods, classes, symbols, threads, strings…), to which event fields marked
 * constantPool refer.
 *
 * Layout (jdk.jfr.internal.consumer.ChunkParser, HotSpot jfrCheckpointWriter):
 * pool entries travel in checkpoint events of type id 1: size, type id, start
 * time, duration, delta (a long: offset of the previous checkpoint event from
 * this one, 0 for the first), one byte of checkpoint kind (a flush flag in
 * JDK 11, type bits since JDK 14), an int count of pools, and per pool: class
 * id (long), entry count (int), then (key long, value) pairs encoded as the
 * class describes. The chunk header points at the last checkpoint event, so
 * the chain is walked backwards; a key seen again in an older event keeps the
 * newer value.
 */
import { fail } from '../errors';
import { ByteReader } from './byte-reader';
import { CHUNK_HEADER_SIZE, type ChunkHeader } from './chunk-header';
import type { Metadata } from './metadata';
import { PoolRef, type JfrValue, type ValueDecoder } from './values';

export const CONSTANT_POOL_TYPE_ID = 1;

export class ConstantPools {
  private readonly pools = new Map<number, Map<number, JfrValue>>();

  /** The pool value `ref` points at; null when the chunk has no such entry (the JDK reads it as null too). */
  resolve(ref: PoolRef): JfrValue {
    const value = this.pools.get(ref.type.id)?.get(ref.key);
    return value === undefined ? null : value;
  }

  static read(
    bytes: Uint8Array,
    header: ChunkHeader,
    metadata: Metadata,
    decoder: ValueDecoder,
    maxStringLength: number,
  ): ConstantPools {
    const result = new ConstantPools();
    const chunkEnd = header.start + header.size;
    const visited = new Set<number>();
    let at = header.start + header.constantPoolOffset;
    // Each event is visited once, so the walk ends within (chunk size) steps.
    for (;;) {
      if (visited.has(at)) fail(`corrupt JFR chunk at byte ${header.start}: constant pool events form a loop at ${at}`);
      visited.add(at);
      const reader = new ByteReader(bytes, at, chunkEnd, header.compressedIntegers, maxStringLength);
      const size = reader.i32();
      if (size <= 0 || size > chunkEnd - at) {
        fail(`corrupt JFR constant pool event at byte ${at}: size ${size} runs past the chunk's end at ${chunkEnd}`);
      }
      reader.end = at + size;
      const typeId = reader.i64();
      if (typeId !== CONSTANT_POOL_TYPE_ID) {
        fail(
          `corrupt JFR chunk at byte ${header.start}: expected a constant pool event at byte ${at}, found type ${typeId}`,
        );
      }
      reader.i64(); // start time
      reader.i64(); // duration
      const delta = reader.i64();
      reader.u8(); // checkpoint kind
      result.readPools(reader, metadata, decoder, at);
      if (delta === 0) break;
      const previous = at + delta;
      if (!(previous >= header.start + CHUNK_HEADER_SIZE && previous < chunkEnd)) {
        fail(`corrupt JFR constant pool event at byte ${at}: delta ${delta} points outside the chunk`);
      }
      at = previous;
    }
    return result;
  }

  private readPools(reader: ByteReader, metadata: Metadata, decoder: ValueDecoder, at: number): void {
    // A pool needs at least its class id and count; an entry at least a key and one byte of value.
    const poolCount = reader.count('constant pool count', 2);
    for (let p = 0; p < poolCount; p++) {
      const classId = reader.i64();
      const cls = metadata.byId.get(classId);
      if (!cls) fail(`corrupt JFR constant pool event at byte ${at}: pool of unknown class id ${classId}`);
      const entries = reader.count(`entry count of the ${cls.name} pool`, 1);
      let pool = this.pools.get(cls.id);
      if (!pool) {
        pool = new Map();
        this.pools.set(cls.id, pool);
      }
      for (let i = 0; i < entries; i++) {
        const key = reader.i64();
        const value = decoder.decode(reader, cls);
        if (!pool.has(key)) pool.set(key, value);
      }
    }
  }
}

/** A pool reference's target, following references and unwrapping simple types, a bounded number of times. */
export function deref(pools: ConstantPools, value: JfrValue | undefined): JfrValue {
  let v: JfrValue = value ?? null;
  for (let i = 0; i < 8 && v instanceof PoolRef; i++) {
    const type: PoolRef['type'] = v.type;
    v = pools.resolve(v);
    // A simple type (jdk.types.GCWhen, ThreadState…) stands for its one field.
    const only = type.fields[0];
    if (type.simpleType && type.fields.length === 1 && only && isObject(v)) v = v[only.name] ?? null;
  }
  return v instanceof PoolRef ? null : v;
}

export function isObject(value: JfrValue | undefined): value is Record<string, JfrValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof PoolRef);
}

/** A field of a struct (or of the pool entry it refers to); null when absent. */
export function field(pools: ConstantPools, value: JfrValue | undefined, name: string): JfrValue {
  const obj = deref(pools, value);
  if (!isObject(obj)) return null;
  return deref(pools, obj[name]);
}

/**
 * Text of a value: a string, or a struct that wraps one (jdk.types.Symbol's
 * "string", FrameType's "description", ThreadState's "name"), followed a
 * bounded number of levels.
 */
export function text(pools: ConstantPools, value: JfrValue | undefined): string | null {
  let v = deref(pools, value);
  for (let i = 0; i < 4 && isObject(v); i++) {
    const keys = Object.keys(v);
    if (keys.length !== 1) return null;
    v = deref(pools, v[keys[0] as string]);
  }
  return typeof v === 'string' ? v : null;
}

/** A numeric field's value; null when absent or not a number. */
export function num(pools: ConstantPools, value: JfrValue | undefined): number | null {
  const v = deref(pools, value);
  return typeof v === 'number' ? v : null;
}
