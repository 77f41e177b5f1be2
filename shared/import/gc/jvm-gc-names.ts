/**
 * HotSpot's names for pauses, phases and collectors, shared by the unified
 * (-Xlog:gc, JDK 9+) and the legacy (-XX:+PrintGCDetails, JDK 6–8) readers.
 *
 * Pause names as the collectors print them (GCTraceTime titles in OpenJDK):
 * - G1: "Pause Young (Normal|Concurrent Start|Prepare Mixed|Mixed|Concurrent End) (cause)" in JDK 12+,
 *   "Pause Young|Mixed|Initial Mark (cause)" in JDK 9–11, "Pause Remark", "Pause Cleanup", "Pause Full (cause)".
 * - Parallel, Serial, CMS: "Pause Young (cause)", "Pause Full (cause)"; CMS also "Pause Initial Mark", "Pause Remark".
 * - Shenandoah: "Pause Init Mark", "Pause Final Mark", "Pause Init Update Refs", "Pause Final Update Refs",
 *   "Pause Final Roots", "Pause Final Evac", "Pause Degenerated GC (point)", "Pause Full (cause)", each possibly
 *   followed by "(unload classes)", "(process weakrefs)" and similar qualifiers that are not causes.
 * - ZGC: "Pause Mark Start", "Pause Mark End", "Pause Relocate Start" (JDK 21 generational ZGC prefixes "Y: "/"O: ").
 */

export interface PauseName {
  kind: string;
  generation: string | null;
  cause: string | null;
}

/** Lower case, words joined by "-": "Process Non-Strong References" → "process-non-strong-references". */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * "Young (Normal) (G1 Evacuation Pause)" → base "Young" and groups
 * ["Normal", "G1 Evacuation Pause"]; parentheses nest ("(System.gc())").
 * `rest` is whatever follows the groups that is not one (normally empty).
 */
export function splitParenthesised(text: string): { base: string; groups: string[]; rest: string } {
  const open = text.indexOf('(');
  if (open < 0) return { base: text.trim(), groups: [], rest: '' };
  const base = text.slice(0, open).trim();
  const groups: string[] = [];
  let pos = open;
  while (pos < text.length && text[pos] === '(') {
    let depth = 0;
    let end = pos;
    for (; end < text.length; end++) {
      const c = text[end];
      if (c === '(') depth++;
      else if (c === ')' && --depth === 0) break;
    }
    if (end >= text.length) break;
    groups.push(text.slice(pos + 1, end).trim());
    pos = end + 1;
    while (text[pos] === ' ') pos++;
  }
  return { base, groups, rest: text.slice(pos).trim() };
}

/** G1's young-pause types (JDK 12+), printed before the cause: they are not causes. */
const G1_YOUNG_TYPES: Readonly<Record<string, string>> = {
  normal: 'young',
  'concurrent start': 'concurrent-start',
  'prepare mixed': 'young',
  mixed: 'mixed',
  'concurrent end': 'young',
};

/** The last group that is not a G1 young type, or null. */
function causeOf(groups: readonly string[]): string | null {
  for (let i = groups.length - 1; i >= 0; i--) {
    const group = groups[i] as string;
    if (G1_YOUNG_TYPES[group.toLowerCase()] === undefined) return group;
  }
  return null;
}

/** Shenandoah's and ZGC's pause names: fixed phases whose qualifiers are not causes. */
const PHASE_PAUSES: Readonly<Record<string, string>> = {
  'init mark': 'init-mark',
  'final mark': 'final-mark',
  'init update refs': 'init-update-refs',
  'final update refs': 'final-update-refs',
  'final roots': 'final-roots',
  'final evac': 'final-evac',
  'mark start': 'mark-start',
  'mark end': 'mark-end',
  'relocate start': 'relocate-start',
};

/**
 * Kind, generation and cause of a HotSpot pause from the words after "Pause".
 * Generation is said only where the name says it: young pauses are "young";
 * full and mixed pauses (young plus old regions) are "both"; a "Y: "/"O: "
 * prefix (generational ZGC) gives "young"/"old".
 */
export function jvmPauseName(base: string, groups: readonly string[], generationPrefix: string | null): PauseName {
  const name = base.toLowerCase();
  const prefixed = generationPrefix === 'Y' ? 'young' : generationPrefix === 'O' ? 'old' : null;
  switch (name) {
    case 'young': {
      const kind = (groups[0] !== undefined ? G1_YOUNG_TYPES[groups[0].toLowerCase()] : undefined) ?? 'young';
      return { kind, generation: kind === 'mixed' ? 'both' : 'young', cause: causeOf(groups) };
    }
    case 'mixed':
      return { kind: 'mixed', generation: 'both', cause: causeOf(groups) };
    case 'initial mark':
      // G1 (JDK 9–11) names the evacuation cause: a young pause that starts marking, called
      // "Concurrent Start" since JDK 12. CMS's initial mark has no cause.
      return groups.length > 0
        ? { kind: 'concurrent-start', generation: 'young', cause: causeOf(groups) }
        : { kind: 'initial-mark', generation: null, cause: null };
    case 'full':
      return { kind: 'full', generation: 'both', cause: causeOf(groups) };
    case 'degenerated gc':
      // Shenandoah names the phase the concurrent cycle degenerated from ("Outside of Cycle", "Mark", "Update Refs").
      return { kind: 'degenerated', generation: prefixed, cause: groups[groups.length - 1] ?? null };
    default:
      return { kind: PHASE_PAUSES[name] ?? slug(base), generation: prefixed, cause: null };
  }
}

/** Kind of a concurrent phase: "Mark (0.298s, 0.312s)" → "concurrent-mark", "marking (unload classes)" → "concurrent-marking". */
export function jvmConcurrentKind(words: string): string {
  return `concurrent-${slug(splitParenthesised(words).base)}`;
}

/** The collector of a "Using …" line of unified logging (JDK 9+: "Using G1", "Using The Z Garbage Collector"). */
const USING: Readonly<Record<string, string>> = {
  G1: 'G1',
  Parallel: 'Parallel',
  Serial: 'Serial',
  'Concurrent Mark Sweep': 'CMS',
  'The Z Garbage Collector': 'ZGC',
  Shenandoah: 'Shenandoah',
  Epsilon: 'Epsilon',
};

export function collectorFromUsing(name: string): string | null {
  return USING[name.trim()] ?? null;
}

/** A collector named by a pause only one collector has (when the log has no "Using" line or flags). */
export function collectorFromPause(kind: string, cause: string | null): string | null {
  if (cause !== null && /^G1 /.test(cause)) return 'G1';
  switch (kind) {
    case 'init-mark':
    case 'final-mark':
    case 'init-update-refs':
    case 'final-update-refs':
    case 'final-roots':
    case 'final-evac':
    case 'degenerated':
      return 'Shenandoah';
    case 'mark-start':
    case 'mark-end':
    case 'relocate-start':
      return 'ZGC';
    default:
      return null;
  }
}

/** A collector named by its generations in heap lines: "PSYoungGen", "DefNew", "ParNew", "CMS". */
export function collectorFromSpace(space: string): string | null {
  if (/^(PSYoungGen|ParOldGen|PSOldGen|PSPermGen)$/.test(space)) return 'Parallel';
  if (/^(ParNew|CMS|CMS Perm|concurrent mark-sweep generation)$/.test(space)) return 'CMS';
  if (/^(DefNew|Tenured)$/.test(space)) return 'Serial';
  return null;
}

/** The collector chosen on a JDK 8 command line ("CommandLine flags: … -XX:+UseG1GC …"). */
export function collectorFromFlags(flags: string): string | null {
  if (/-XX:\+UseG1GC\b/.test(flags)) return 'G1';
  if (/-XX:\+UseShenandoahGC\b/.test(flags)) return 'Shenandoah';
  if (/-XX:\+UseConcMarkSweepGC\b/.test(flags)) return 'CMS';
  if (/-XX:\+UseParallel(Old)?GC\b/.test(flags)) return 'Parallel';
  if (/-XX:\+UseSerialGC\b/.test(flags)) return 'Serial';
  return null;
}
