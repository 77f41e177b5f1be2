/**
 * One chunk of a recording: its header, metadata and constant pools, and a
 * walk over its events that decodes only the event types asked for.
 *
 * Facts (jdk.jfr.internal.consumer.ChunkParser): after the 68-byte header the
 * chunk is a sequence of events, each starting with its size in bytes
 * (counting the size field itself) and its type id; the metadata event has
 * type id 0 and checkpoint (constant pool) events type id 1. The size lets a
 * reader skip events it does not decode, whatever their type. The chunk
 * header's metadata offset points at the (last) metadata event, which
 * describes every type used in the chunk.
 */
import { fail } from '../errors';
import { ByteReader } from './byte-reader';
import { CHUNK_HEADER_SIZE, readChunkHeader, type ChunkHeader } from './chunk-header';
import { CONSTANT_POOL_TYPE_ID, ConstantPools } from './constant-pools';
import { readMetadata, type JfrClass, type Metadata } from './metadata';
import { ValueDecoder, type JfrObject } from './values';

const METADATA_TYPE_ID = 0;

export interface Chunk {
  header: ChunkHeader;
  metadata: Metadata;
  pools: ConstantPools;
  /** Position of this chunk in the file, 0 for the first. */
  index: number;
}

export interface ChunkEvent {
  type: JfrClass;
  value: JfrObject;
}

export function readChunk(bytes: Uint8Array, start: number, index: number, maxStringLength: number): Chunk {
  const header = readChunkHeader(bytes, start);
  const chunkEnd = start + header.size;

  const metaAt = start + header.metadataOffset;
  const metaReader = new ByteReader(bytes, metaAt, chunkEnd, header.compressedIntegers, maxStringLength);
  const metaSize = metaReader.i32();
  if (metaSize <= 0 || metaSize > chunkEnd - metaAt) {
    fail(`corrupt JFR metadata event at byte ${metaAt}: size ${metaSize} runs past the chunk's end at ${chunkEnd}`);
  }
  metaReader.end = metaAt + metaSize;
  const metaType = metaReader.i64();
  if (metaType !== METADATA_TYPE_ID) {
    fail(`corrupt JFR chunk at byte ${start}: expected the metadata event at byte ${metaAt}, found type ${metaType}`);
  }
  const metadata = readMetadata(metaReader);

  const decoder = newDecoder(metadata, header);
  const pools = ConstantPools.read(bytes, header, metadata, decoder, maxStringLength);
  return { header, metadata, pools, index };
}

function newDecoder(metadata: Metadata, header: ChunkHeader): ValueDecoder {
  return new ValueDecoder(metadata.byName.get('java.lang.String') ?? null, header.size);
}

/**
 * Walks the chunk's events in file order. Events whose type name is in
 * `wanted` are decoded and handed to `visit`; every event (but metadata and
 * constant pools) is counted by type name in `counts`.
 */
export function forEachEvent(
  bytes: Uint8Array,
  chunk: Chunk,
  wanted: ReadonlySet<string>,
  maxStringLength: number,
  counts: Map<string, number>,
  visit: (event: ChunkEvent) => void,
): void {
  const { header, metadata } = chunk;
  const chunkEnd = header.start + header.size;
  const decoder = newDecoder(metadata, header);
  const reader = new ByteReader(bytes, 0, chunkEnd, header.compressedIntegers, maxStringLength);
  let at = header.start + CHUNK_HEADER_SIZE;
  // Every event is at least one byte long, so this loop ends within the chunk's size.
  while (at < chunkEnd) {
    reader.pos = at;
    reader.end = chunkEnd;
    const size = reader.i32();
    if (size <= 0 || size > chunkEnd - at) {
      fail(`corrupt JFR event at byte ${at}: size ${size} runs past the chunk's end at ${chunkEnd}`);
    }
    reader.end = at + size;
    const typeId = reader.i64();
    if (typeId !== METADATA_TYPE_ID && typeId !== CONSTANT_POOL_TYPE_ID) {
      const type = metadata.byId.get(typeId);
      const name = type?.name ?? `(unknown type ${typeId})`;
      counts.set(name, (counts.get(name) ?? 0) + 1);
      if (type && wanted.has(type.name)) {
        const value = decoder.decode(reader, type);
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          fail(`corrupt JFR metadata: event type ${type.name} is not a class with fields`);
        }
        visit({ type, value: value as JfrObject });
      }
    }
    at += size;
  }
}
