// Writes a large V8 heap snapshot for performance runs (not committed): a
// linked list of LIST nodes (a dominator chain as deep as the list, which
// breaks any recursive walk), a binary tree of TREE nodes, a Map of MAP
// entries with string keys, and objects sharing children (so dominators are
// not just the spanning tree).
//
//   node --max-old-space-size=4096 big-heap.mjs OUT_DIR [LIST=330000] [TREE=330000] [MAP=130000]
//
// Prints the snapshot's path. On Node 20 the defaults give about 100 MB (1.1M nodes, 3.7M edges);
// 1800000 1800000 700000 gives about 550 MB, past V8's maximum string length.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';

const [outDir = '.', listArg = '330000', treeArg = '330000', mapArg = '130000'] = process.argv.slice(2);

class ListNode {
  constructor(value, next) {
    this.value = value;
    this.next = next;
  }
}
class TreeNode {
  constructor(id) {
    this.id = id;
    this.left = null;
    this.right = null;
    this.shared = null;
  }
}

let list = null;
for (let i = 0; i < Number(listArg); i++) list = new ListNode(i, list);

const treeSize = Number(treeArg);
const tree = [];
for (let i = 0; i < treeSize; i++) {
  const node = new TreeNode(i);
  tree.push(node);
  if (i > 0) {
    const parent = tree[(i - 1) >> 1];
    if (i % 2) parent.left = node;
    else parent.right = node;
  }
  // Every 10th node also points at a node elsewhere: shared children.
  if (i % 10 === 9) node.shared = tree[(i * 7919) % (i + 1)];
}

const map = new Map();
for (let i = 0; i < Number(mapArg); i++) map.set(`key-${i}`, { i, label: `value ${i}` });

globalThis.bigHeap = { list, root: tree[0], map };
tree.length = 0;

mkdirSync(resolve(outDir), { recursive: true });
console.log(writeHeapSnapshot(join(resolve(outDir), 'big-heap.heapsnapshot')));
