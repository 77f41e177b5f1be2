/** The CLI's help text and its usage error (exit code 2). */
export const USAGE = `Usage: kiln <command> [options]

Commands:
  import FILE... [--db PATH] [--json] [--quiet] [--progress]
                                               import profiles, GC logs and heap snapshots; on a terminal a
                                               progress line shows on stderr (--quiet hides it, --progress
                                               prints it line by line elsewhere); Ctrl-C cancels the import,
                                               leaves the store as it was and exits with 130
  ls [--db PATH] [--json]                      list imported profiles
  top SELECTION [--type NAME] [--limit N] [--filter F] [--from T] [--to T] [--base SEL] [--json]
                                               top functions of a selection, by self value, as
                                               go tool pprof -top prints them. SELECTION: item ids from
                                               kiln ls, e.g. 12, 3,4,5 or 3-9 (several items merge),
                                               or a service's items in a window of ms since the epoch:
                                               'service=NAME@START..END;kind=cpu;label.KEY=VALUE'.
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
  search TEXT [--limit N] [--json]             functions of the whole catalogue whose words start with TEXT's
                                               words or whose name contains TEXT, with the items they are in
  serve [--db PATH] [--port N]                 serve the Kiln UI on 127.0.0.1 (--port 0 picks a free port)

The database defaults to the user's app-data folder (~/.config/Kiln/kiln.db on Linux);
--db or the KILN_DB environment variable overrides it.`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}
