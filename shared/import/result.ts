/**
 * What one file imports as. Most files are one profile; some hold several
 * (a Chrome trace has a profile per thread, a speedscope file lists
 * profiles, a JFR recording has CPU samples, allocation samples and GC events),
 * and some are not call-tree profiles at all (GC logs, heap snapshots).
 */
import type { GcLog } from '../gc/model';
import type { HeapSnapshot } from '../heap/model';
import type { Profile, ProfileFormat } from '../profile/model';

export type ImportedItem =
  /** `name` tells items of one file apart (a thread name, a speedscope profile name); null for a lone profile. */
  | { type: 'profile'; name: string | null; profile: Profile }
  | { type: 'gc-log'; name: string | null; gcLog: GcLog }
  | { type: 'heap-snapshot'; name: string | null; snapshot: HeapSnapshot };

/** Every format Kiln reads, as detected from a file's bytes: the profile formats, heap snapshots and GC logs. */
export type FileFormat = ProfileFormat | 'heapsnapshot' | 'jvm-unified' | 'jvm-legacy' | 'go-gctrace' | 'node-trace-gc';
