/** The options of the memory and GC commands (leaks, heap-diff, gc, findings), as main.ts parses them. */
export interface MemoryOptions {
  type?: string | undefined;
  limit?: string | undefined;
  windows?: string | undefined;
  base?: string | undefined;
  json: boolean;
}
