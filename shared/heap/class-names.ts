/**
 * The class a node is counted under in the summary, as DevTools'
 * JSHeapSnapshotNode.className() names it: objects and native (embedder)
 * objects by their name, which V8 sets to the constructor's name ("Array",
 * "Object", "Subscription", "system / Context" …); every other node type by
 * the type in parentheses — "(string)", "(closure)", "(array)", "(number)",
 * "(concatenated string)", "(object shape)" … — with two renamings: "hidden"
 * is "(system)" and "code" is "(compiled code)".
 */
import type { HeapSnapshot } from './model';

/** Per node, an index into `names`; one entry per distinct class name. */
export interface NodeClasses {
  classOf: Uint32Array;
  names: string[];
}

/**
 * Whether a class is the engine's own rather than a constructor of the program: the parenthesised node types
 * ("(string)", "(closure)", "(array)" …) and V8's "system / …" objects (contexts, maps). They grow along with what
 * holds them — a leaked object's strings, its closure's context — so the program's own classes name a leak better.
 */
export function isEngineClass(name: string): boolean {
  return name.startsWith('(') || name.startsWith('system / ');
}

export function classNameForType(typeName: string): string {
  if (typeName === 'hidden') return '(system)';
  if (typeName === 'code') return '(compiled code)';
  return `(${typeName})`;
}

/** One node's class name (for a single lookup; nodeClasses resolves them all at once). */
export function classNameOf(snapshot: HeapSnapshot, node: number): string {
  const type = snapshot.nodeTypeNames[snapshot.nodeType[node] as number] ?? '';
  if (type === 'object' || type === 'native') return snapshot.strings[snapshot.nodeName[node] as number] ?? '';
  return classNameForType(type);
}

export function nodeClasses(snapshot: HeapSnapshot): NodeClasses {
  const { nodeType, nodeName, strings, nodeTypeNames } = snapshot;
  const nodeCount = nodeType.length;
  const classOf = new Uint32Array(nodeCount);
  const names: string[] = [];
  const byName = new Map<string, number>();
  const classIdOf = (name: string): number => {
    let id = byName.get(name);
    if (id === undefined) {
      id = names.length;
      names.push(name);
      byName.set(name, id);
    }
    return id;
  };

  // Per node type: the class of the whole type, or -1 when the node's name decides.
  const byType = nodeTypeNames.map((type) =>
    type === 'object' || type === 'native' ? -1 : classIdOf(classNameForType(type)),
  );
  // Per string index, for named types: resolved once per distinct name.
  const byString = new Int32Array(strings.length).fill(-1);
  for (let node = 0; node < nodeCount; node++) {
    const typeClass = byType[nodeType[node] as number] ?? -1;
    if (typeClass >= 0) {
      classOf[node] = typeClass;
      continue;
    }
    const name = nodeName[node] as number;
    let id = byString[name] as number;
    if (id < 0) {
      id = classIdOf(strings[name] ?? '');
      byString[name] = id;
    }
    classOf[node] = id;
  }
  return { classOf, names };
}
