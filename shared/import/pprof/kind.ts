/** What a pprof profile describes, from the names of its sample types (profile.proto sample_type[].type). */
import type { ProfileKind, ValueType } from '../../profile/model';

/**
 * Go writes the same four types (alloc_objects, alloc_space, inuse_objects,
 * inuse_space) into both /debug/pprof/heap and /debug/pprof/allocs; only
 * default_sample_type differs (allocs sets alloc_space). So a default alloc_*
 * type means an allocations profile; otherwise any inuse_* type means a heap
 * (in-use memory) profile.
 */
export function pprofKind(sampleTypes: ValueType[], defaultSampleType: number): ProfileKind {
  const names = sampleTypes.map((t) => t.type.toLowerCase());
  const dflt = names[defaultSampleType] ?? '';
  const has = (test: (name: string) => boolean): boolean => names.some(test);
  if (dflt.startsWith('alloc_')) return 'allocations';
  if (has((n) => n.startsWith('inuse_'))) return 'heap';
  if (has((n) => n.startsWith('alloc_'))) return 'allocations';
  // Legacy C++/Java heap profiles converted to proto use objects/space.
  if (has((n) => n === 'space' || n === 'objects')) return 'heap';
  if (has((n) => n === 'contentions' || n === 'delay')) return 'contention';
  if (has((n) => n === 'goroutine' || n === 'goroutines')) return 'goroutines';
  if (has((n) => n === 'cpu' || n === 'samples' || n === 'sample' || n === 'wall')) return 'cpu';
  return 'other';
}
