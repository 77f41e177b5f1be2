/** The CLI's help text and its usage error (exit code 2). */
export const USAGE = `Usage: kiln <command> [options]

Commands:
  import FILE... [--service NAME] [--label KEY=VALUE]... [--db PATH] [--json] [--quiet] [--progress]
                                               import profiles, GC logs and heap snapshots; on a terminal a
                                               progress line shows on stderr (--quiet hides it, --progress
                                               prints it line by line elsewhere); Ctrl-C cancels the import,
                                               leaves the store as it was and exits with 130.
                                               --service replaces the service the data names for every item;
                                               --label adds an item label (over the file's of the same key).
                                               A file already imported (the same bytes) keeps its stored tags
  ls [--service NAME] [--db PATH] [--json]     list imported profiles (--service: only that service's)
  top SELECTION [--kind K] [--label KEY=VALUE]... [--type NAME] [--limit N] [--filter F] [--from T] [--to T]
      [--base SEL] [--per-second] [--json]
                                               top functions of a selection, by self value, as
                                               go tool pprof -top prints them. SELECTION: item ids from
                                               kiln ls, e.g. 12, 3,4,5 or 3-9 (several items merge),
                                               SERVICE (all its captures) or SERVICE@START/END (those
                                               overlapping a window of ISO 8601 instants, e.g.
                                               checkout@2026-11-20T10:00:00Z/2026-11-20T10:15:00.250Z),
                                               or 'service=NAME@START..END;kind=cpu;label.KEY=VALUE'
                                               (ms since the epoch; a service named 12 is service=12).
                                               --kind and --label narrow a service selection (refused
                                               with item ids); a service without --kind reads its first
                                               kind of cpu, allocations, heap, goroutines, contention,
                                               trace. The table is headed by what the merged window
                                               holds: checkout · CPU · 6 captures · 2026-11-20
                                               10:00:02–10:14:40 UTC · 18 s profiled. Counters (cpu,
                                               samples, alloc_*, contentions, delay) are summed across
                                               captures, gauges (inuse_*, goroutines) averaged per
                                               capture; --per-second divides a counter by the profiled
                                               seconds.
                                               --from/--to keep the samples taken in [from, to) of items
                                               whose samples have times (cpuprofile, JFR, perf script,
                                               Chrome traces); other items count whole if they overlap.
                                               T: seconds after the first item's start (2.5s), an ISO
                                               date-time (2026-12-06T20:15:00Z) or ms since the epoch.
                                               --base subtracts another selection (pprof -diff_base);
                                               shares are then of the base's total.
                                               F filters the stacks first, e.g.
                                               'focus:main%5C.handle;hide:runtime%5C..*' (kinds: focus,
                                               hide, drop, collapseRecursion, invert, label:KEY=VALUE, lines)
  diff BASE TARGET [--type NAME] [--mode absolute|normalized|per-second] [--limit N] [--filter F]
      [--not-mine PKG]... [--json]
                                               compare two selections (as top takes them) function by
                                               function: base, target and the change of self and total,
                                               whether the change is more than sampling noise, and the
                                               suspect, where the growth enters your own code. absolute:
                                               the values (rows equal go tool pprof -top -diff_base);
                                               normalized: shares of each side's total; per-second: per
                                               second of each side's profiled time (the default when the
                                               sides' lengths differ by over 5%, else absolute).
                                               --not-mine leaves a package prefix out of the suspects.
  leaks SELECTION [--type NAME] [--limit N] [--json]
                                               what grows in memory across a selection's heap captures,
                                               per function (per class for heap snapshots): growing,
                                               plateau (levelled off: a bounded cache), stable or
                                               shrinking, with slope, R² and the noise band used
  heap-diff SNAPSHOT... [--limit N] [--json]   two or more heap snapshots of one process compared per
                                               class (count, shallow and retained size in each), and the
                                               retainer paths of the top growers' new instances
  gc SELECTION [--windows N] [--json]          GC statistics of a selection's GC logs and recordings, whole
                                               and in N equal windows (default 10): pauses p50/p90/p99/max,
                                               % paused, frequency, allocation rate, live heap, and where
                                               frequency, allocation rate or pauses changed
  findings SELECTION [--base SEL] [--json]     what Kiln concludes, most important first, each with its
                                               evidence and what would make it wrong
  search TEXT [--limit N] [--json]             functions of the whole catalogue whose words start with TEXT's
                                               words or whose name contains TEXT, with the items they are in
  serve [--db PATH] [--port N]                 serve the Kiln UI on 127.0.0.1 (--port 0 picks a free port)
  timeline [--service S] [--json]             captures and markers per service in time order: build id,
                                               version and restart (pid) changes, and annotations
  annotate --service S --at TIME --label TEXT  annotate a service's time axis (TIME: ISO 8601 or ms since
                                               the epoch)
  annotate [--service S] --import FILE         import a deploy log: CSV time,label[,service] (header row
                                               optional) or JSON [{"time","label"}]; --service for rows
                                               that name none

The database defaults to the user's app-data folder (~/.config/Kiln/kiln.db on Linux);
--db or the KILN_DB environment variable overrides it.`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}
