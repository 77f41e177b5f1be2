/**
 * The metadata event of a chunk: the description of every class (event types,
 * constant-pool types, structs) and its fields, which is what makes events
 * readable by field name whatever order a JDK version writes them in.
 *
 * Layout (jdk.jfr.internal.MetadataReader / MetadataWriter): after the event
 * header (size, type id 0, start time, duration, metadata id, all longs or
 * ints as the chunk encodes them) comes a string table (int count, strings)
 * and then one element tree. An element is: name (int index into the string
 * table), attribute count (int) and that many (key index, value index) pairs,
 * child count (int) and that many child elements. The tree is
 * root → metadata → class* → (field → annotation*)*, annotation*, setting*;
 * root also has a "region" element (locale, time zone) that is not needed here.
 * A class has attributes name, id, superType and simpleType ("true"); a field
 * has name, class (type id), dimension ("1" for an array) and constantPool
 * ("true" when the value is a key into that type's pool); an annotation has
 * class (the annotation type's id) and value.
 *
 * The tree is read with an explicit stack, not recursion: its depth comes from
 * the file.
 */
import { fail } from '../errors';
import type { ByteReader } from './byte-reader';

/** How a value of a class is encoded: a primitive, a string, or its fields in order. */
export type ValueKind =
  'boolean' | 'byte' | 'char' | 'short' | 'int' | 'long' | 'float' | 'double' | 'string' | 'struct';

const PRIMITIVES: ReadonlyMap<string, ValueKind> = new Map<string, ValueKind>([
  ['boolean', 'boolean'],
  ['byte', 'byte'],
  ['char', 'char'],
  ['short', 'short'],
  ['int', 'int'],
  ['long', 'long'],
  ['float', 'float'],
  ['double', 'double'],
  ['java.lang.String', 'string'],
]);

export interface JfrField {
  name: string;
  type: JfrClass;
  array: boolean;
  /** The value is a long key into `type`'s constant pool. */
  constantPool: boolean;
  /** Annotation class name → its "value" attribute ("" when it has none), e.g. jdk.jfr.Timespan → "TICKS". */
  annotations: Map<string, string>;
}

export interface JfrClass {
  id: number;
  name: string;
  superType: string | null;
  /** A simple type wraps one field and stands for its value (jdk.types.GCWhen → its "when" string). */
  simpleType: boolean;
  kind: ValueKind;
  fields: JfrField[];
  /** Field index by name. */
  fieldIndex: Map<string, number>;
}

export interface Metadata {
  byId: Map<number, JfrClass>;
  byName: Map<string, JfrClass>;
}

interface Element {
  name: string;
  attributes: Map<string, string>;
  parent: number;
}

/** Parses the metadata event whose header (size and type id) `reader` has already consumed. */
export function readMetadata(reader: ByteReader): Metadata {
  reader.i64(); // start time
  reader.i64(); // duration
  reader.i64(); // metadata id
  // Each string takes at least its encoding byte.
  const stringCount = reader.count('metadata string count');
  const strings = new Array<string>(stringCount);
  for (let i = 0; i < stringCount; i++) {
    const s = reader.string();
    if (s !== null && typeof s !== 'string') fail('corrupt JFR metadata: a metadata string refers to a constant pool');
    strings[i] = s ?? '';
  }
  const elements = readElements(reader, strings);
  return buildClasses(elements);
}

function readElements(reader: ByteReader, strings: string[]): Element[] {
  const str = (index: number): string => {
    const s = strings[index];
    if (s === undefined) {
      fail(`corrupt JFR metadata: string index ${index} is outside the table of ${strings.length}`);
    }
    return s;
  };
  const elements: Element[] = [];
  // Pending children per open element; each element takes at least 3 bytes
  // (name, attribute count, child count), so counts are checked against what is left.
  const open: { element: number; children: number }[] = [];
  const readOne = (parent: number): void => {
    const name = str(reader.i32());
    const attributeCount = reader.count('metadata attribute count', 2);
    const attributes = new Map<string, string>();
    for (let i = 0; i < attributeCount; i++) {
      const key = str(reader.i32());
      attributes.set(key, str(reader.i32()));
    }
    const children = reader.count('metadata child count', 3);
    elements.push({ name, attributes, parent });
    open.push({ element: elements.length - 1, children });
  };
  readOne(-1);
  while (open.length > 0) {
    const top = open[open.length - 1] as { element: number; children: number };
    if (top.children === 0) {
      open.pop();
      continue;
    }
    top.children--;
    readOne(top.element);
  }
  return elements;
}

function buildClasses(elements: Element[]): Metadata {
  const byId = new Map<number, JfrClass>();
  const byName = new Map<string, JfrClass>();
  // Fields with their type id, resolved once every class is known (a field may name a later class).
  const pendingFields: { owner: JfrClass; typeId: number; field: Omit<JfrField, 'type'> }[] = [];
  const classOfElement = new Map<number, JfrClass>();
  const fieldOfElement = new Map<number, Omit<JfrField, 'type'>>();
  const pendingAnnotations: { target: Map<string, string>; typeId: number; value: string }[] = [];

  elements.forEach((element, index) => {
    const parent = elements[element.parent];
    if (element.name === 'class' && parent?.name === 'metadata') {
      const name = element.attributes.get('name') ?? '';
      const id = parseId(element.attributes.get('id'), `class ${name}`);
      if (byId.has(id)) fail(`corrupt JFR metadata: class id ${id} is defined twice`);
      const cls: JfrClass = {
        id,
        name,
        superType: element.attributes.get('superType') ?? null,
        simpleType: element.attributes.get('simpleType') === 'true',
        kind: PRIMITIVES.get(name) ?? 'struct',
        fields: [],
        fieldIndex: new Map(),
      };
      byId.set(id, cls);
      byName.set(name, cls);
      classOfElement.set(index, cls);
    } else if (element.name === 'field') {
      const owner = classOfElement.get(element.parent);
      if (!owner) return;
      const name = element.attributes.get('name') ?? '';
      const dimension = element.attributes.get('dimension') ?? '0';
      if (dimension !== '0' && dimension !== '1') {
        fail(`corrupt JFR metadata: field ${owner.name}.${name} has dimension ${dimension} (only 0 or 1 exist)`);
      }
      const field = {
        name,
        array: dimension === '1',
        constantPool: element.attributes.get('constantPool') === 'true',
        annotations: new Map<string, string>(),
      };
      pendingFields.push({
        owner,
        typeId: parseId(element.attributes.get('class'), `field ${owner.name}.${name}`),
        field,
      });
      fieldOfElement.set(index, field);
    } else if (element.name === 'annotation') {
      const field = fieldOfElement.get(element.parent);
      if (!field) return;
      pendingAnnotations.push({
        target: field.annotations,
        typeId: parseId(element.attributes.get('class'), 'annotation'),
        value: element.attributes.get('value') ?? '',
      });
    }
  });

  for (const { owner, typeId, field } of pendingFields) {
    const type = byId.get(typeId);
    if (!type) fail(`corrupt JFR metadata: field ${owner.name}.${field.name} has unknown type id ${typeId}`);
    owner.fieldIndex.set(field.name, owner.fields.length);
    owner.fields.push({ ...field, type });
  }
  for (const { target, typeId, value } of pendingAnnotations) {
    const annotation = byId.get(typeId);
    if (annotation) target.set(annotation.name, value);
  }
  return { byId, byName };
}

function parseId(text: string | undefined, what: string): number {
  if (text === undefined || !/^-?\d{1,16}$/.test(text)) {
    fail(`corrupt JFR metadata: ${what} has no valid id (${JSON.stringify(text ?? null)})`);
  }
  return Number(text);
}
