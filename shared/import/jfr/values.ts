/**
 * Decodes one value of a metadata class from bytes, generically: primitives
 * and strings directly, a struct as its fields in declaration order, an array
 * field as an int count then its elements, and a constant-pool field as a long
 * key (jdk.jfr.internal.consumer.ParserFactory builds the same parsers from
 * the metadata). Pool references stay references here; `ConstantPools`
 * resolves them on demand, which also copes with pools that refer to each
 * other in cycles (a class's loader's class…).
 *
 * Structs nest inline (StackTrace → frames: StackFrame[]), and the nesting is
 * described by the file, so decoding uses an explicit stack with a depth cap,
 * and a step budget proportional to the chunk's size, so a metadata that nests
 * a class inside itself or declares empty structs cannot make it spin.
 */
import { fail } from '../errors';
import type { ByteReader } from './byte-reader';
import type { JfrClass, JfrField } from './metadata';

/** A reference to an entry of a constant pool: resolved later by `ConstantPools.resolve`. */
export class PoolRef {
  constructor(
    readonly type: JfrClass,
    readonly key: number,
  ) {}
}

/** A struct's fields by name. Null-prototype, so a field called "__proto__" is only a field. */
export interface JfrObject {
  [field: string]: JfrValue;
}

export type JfrValue = null | boolean | number | string | PoolRef | JfrObject | JfrValue[];

const MAX_NESTING = 64;

interface StructFrame {
  cls: JfrClass;
  obj: JfrObject;
  next: number;
}

interface ArrayFrame {
  element: JfrClass;
  items: JfrValue[];
  left: number;
}

export class ValueDecoder {
  /** The java.lang.String class, for string values that are pool references. */
  private readonly stringClass: JfrClass | null;
  /**
   * Steps left for the whole chunk. Every step but opening or closing an
   * inline struct consumes at least one byte, so well-formed data needs a
   * small multiple of the chunk's size; only a metadata describing values
   * that take no bytes can run out.
   */
  private budget: number;

  constructor(stringClass: JfrClass | null, chunkSize: number) {
    this.stringClass = stringClass;
    this.budget = 1024 + 16 * chunkSize;
  }

  decode(reader: ByteReader, cls: JfrClass): JfrValue {
    if (cls.kind !== 'struct') return this.primitive(reader, cls);
    const root = newObject();
    const stack: (StructFrame | ArrayFrame)[] = [{ cls, obj: root, next: 0 }];
    while (stack.length > 0) {
      if (--this.budget < 0) {
        fail(`corrupt JFR data at byte ${reader.pos}: ${cls.name} values take more steps than the chunk has bytes`);
      }
      const top = stack[stack.length - 1] as StructFrame | ArrayFrame;
      if ('items' in top) {
        if (top.left === 0) {
          stack.pop();
          continue;
        }
        top.left--;
        const obj = newObject();
        top.items.push(obj);
        this.push(stack, { cls: top.element, obj, next: 0 });
        continue;
      }
      const field = top.cls.fields[top.next++];
      if (field === undefined) {
        stack.pop();
        continue;
      }
      top.obj[field.name] = this.field(reader, field, stack);
    }
    return root;
  }

  /** Reads a field, or starts it and pushes the frame that will fill it in. */
  private field(reader: ByteReader, field: JfrField, stack: (StructFrame | ArrayFrame)[]): JfrValue {
    const type = field.type;
    if (field.array) {
      const n = reader.count(`array length of ${field.name}`, type.kind === 'struct' && !field.constantPool ? 0 : 1);
      if (type.kind === 'struct' && !field.constantPool) {
        // Bounded by the bytes left even when elements take none (the step budget stops the rest).
        if (n > reader.remaining + 1) fail(`corrupt JFR data at byte ${reader.pos}: array of ${n} ${type.name}`);
        const items: JfrValue[] = [];
        this.push(stack, { element: type, items, left: n });
        return items;
      }
      const items = new Array<JfrValue>(n);
      for (let i = 0; i < n; i++) {
        items[i] = field.constantPool ? new PoolRef(type, reader.i64()) : this.primitive(reader, type);
      }
      return items;
    }
    if (field.constantPool) return new PoolRef(type, reader.i64());
    if (type.kind !== 'struct') return this.primitive(reader, type);
    const obj = newObject();
    this.push(stack, { cls: type, obj, next: 0 });
    return obj;
  }

  private push(stack: (StructFrame | ArrayFrame)[], frame: StructFrame | ArrayFrame): void {
    if (stack.length >= MAX_NESTING) {
      const name = 'cls' in frame ? frame.cls.name : frame.element.name;
      fail(`corrupt JFR metadata: values nest more than ${MAX_NESTING} levels deep (at class ${name})`);
    }
    stack.push(frame);
  }

  private primitive(reader: ByteReader, cls: JfrClass): JfrValue {
    switch (cls.kind) {
      case 'boolean':
        return reader.boolean();
      case 'byte':
        return reader.i8();
      case 'char':
        return String.fromCharCode(reader.char());
      case 'short':
        return reader.i16();
      case 'int':
        return reader.i32();
      case 'long':
        return reader.i64();
      case 'float':
        return reader.f32();
      case 'double':
        return reader.f64();
      case 'string': {
        const s = reader.string();
        if (s === null || typeof s === 'string') return s;
        if (!this.stringClass) {
          fail('corrupt JFR data: a string refers to a constant pool, but there is no string class');
        }
        return new PoolRef(this.stringClass, s.stringPoolKey);
      }
      case 'struct':
        return this.decode(reader, cls);
    }
  }
}

function newObject(): JfrObject {
  return Object.create(null) as JfrObject;
}
