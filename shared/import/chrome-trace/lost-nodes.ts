/**
 * Traces lose data: Chrome's trace buffer drops events when it fills, and
 * tools that trim traces drop some. A CPU profile assembled from a trace may
 * then have nodes whose parent is gone, children lists naming absent nodes,
 * or samples on absent nodes (the corpus has all three: Chrome 141's
 * `no-arg-data.json`, the Firefox Profiler's `test.chrome-unchunked.json`).
 * A standalone .cpuprofile with such holes is refused, but in a trace they
 * are expected, so they are mended before the profile is read: references to
 * absent children are dropped, and orphaned nodes and samples on absent nodes
 * go under one synthetic "(missing nodes)" node below the root, so no sampled
 * time is lost and the gap stays visible.
 */
import { isObject, type JsonObject } from '../json-read';

export const MISSING_NODES = '(missing nodes)';

/** `cpuProfile` with its holes mended (unchanged when it has none), and a comment saying what was mended. */
export function mendLostNodes(cpuProfile: JsonObject): { cpuProfile: JsonObject; comment: string | null } {
  const { nodes, samples } = cpuProfile;
  if (!Array.isArray(nodes)) return { cpuProfile, comment: null };
  const ids = new Set<number>();
  let maxId = 0;
  let rootId: number | undefined;
  for (const node of nodes) {
    if (!isObject(node) || typeof node.id !== 'number') continue;
    ids.add(node.id);
    maxId = Math.max(maxId, node.id);
    const frame = node.callFrame;
    if (rootId === undefined && node.parent === undefined && isObject(frame) && frame.functionName === '(root)') {
      rootId = node.id;
    }
  }
  // A node some other node lists as a child keeps that parent; its own stale `parent` is what goes.
  const listedAsChild = new Set<unknown>();
  for (const node of nodes)
    if (isObject(node) && Array.isArray(node.children)) for (const c of node.children) listedAsChild.add(c);
  const missingId = maxId + 1;
  let orphans = 0;
  let droppedChildren = 0;
  const mendedNodes = nodes.map((node: unknown) => {
    if (!isObject(node)) return node;
    let mended = node;
    if (typeof node.parent === 'number' && !ids.has(node.parent)) {
      if (listedAsChild.has(node.id)) {
        mended = { ...mended };
        delete mended.parent;
      } else {
        mended = { ...mended, parent: missingId };
        orphans++;
      }
    }
    if (Array.isArray(node.children) && node.children.some((child) => typeof child === 'number' && !ids.has(child))) {
      const kept = node.children.filter((child) => typeof child !== 'number' || ids.has(child));
      droppedChildren += node.children.length - kept.length;
      mended = { ...mended, children: kept };
    }
    return mended;
  });
  let lostSamples = 0;
  const mendedSamples = !Array.isArray(samples)
    ? samples
    : samples.map((id: unknown) => {
        if (typeof id !== 'number' || ids.has(id)) return id;
        lostSamples++;
        return missingId;
      });
  if (orphans === 0 && droppedChildren === 0 && lostSamples === 0) return { cpuProfile, comment: null };
  if (orphans > 0 || lostSamples > 0) {
    mendedNodes.push({
      id: missingId,
      callFrame: { functionName: MISSING_NODES, scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 },
      ...(rootId === undefined ? {} : { parent: rootId }),
    });
  }
  const comment =
    `trace: CPU profile nodes missing from the trace: ${orphans} nodes lost their parent and ${lostSamples} samples ` +
    `their node (both put under "${MISSING_NODES}"), ${droppedChildren} references to absent children dropped`;
  return { cpuProfile: { ...cpuProfile, nodes: mendedNodes, samples: mendedSamples }, comment };
}
