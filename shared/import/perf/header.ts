/**
 * The line that starts each sample in `perf script` output.
 *
 * Facts from perf-script(1) (-F, --fields) and perf's printing of them
 * (tools/perf/builtin-script.c perf_sample__fprintf_start): the fields come
 * in a fixed order, each optional with -F, padded with spaces:
 *
 *   comm  [pid/]tid  [cpu]  secs.usecs:  [period]  event:  [ip sym (dso) without -g | tracepoint data]
 *   "busy  9405/9405   4797.403876:    1001001 cpu-clock:pppH:"
 *   "Gecko\t25122 [007] 115539.936601:\t\t1000000 task-clock:u:"
 *
 * - comm may contain spaces ("Web Content") and is right-aligned in newer
 *   perf, so the line may start with spaces.
 * - One number is the tid (the default field); "pid/tid" when both are
 *   selected.
 * - The time has 6 decimals by default, 9 with --ns.
 * - The event name ends with ":" and may carry modifiers after its own
 *   colon ("cycles:uppp", "cpu-clock:pppH") or be a tracepoint
 *   ("sched:sched_switch").
 * Kiln needs the time to tell a header from a frame, so files printed
 * without the time field are not read.
 */

export interface PerfHeader {
  comm: string;
  pid: number | null;
  tid: number | null;
  /** Whole seconds and nanoseconds of the timestamp, kept apart so that differences stay exact. */
  seconds: number;
  nanoseconds: number;
  period: number | null;
  /** Event name without its trailing colon ("cpu-clock:pppH"), "" when not printed. */
  event: string;
  /** What follows the event: the sample's own "ip sym (dso)" without -g, tracepoint data, or "". */
  rest: string;
}

const HEADER = /^\s*(?:(\S.*?)\s+)?(-?\d+)(?:\/(-?\d+))?\s+(?:\[(\d+)\]\s+)?(\d+)\.(\d+):(?:\s+(.*?))?\s*$/;

export function parsePerfHeader(line: string): PerfHeader | null {
  const m = HEADER.exec(line);
  if (!m) return null;
  const fraction = m[6] as string;
  if (fraction.length > 9) return null;
  const first = Number(m[2]);
  const second = m[3] !== undefined ? Number(m[3]) : null;
  const header: PerfHeader = {
    comm: m[1] ?? '',
    pid: second !== null ? first : null,
    tid: second ?? first,
    seconds: Number(m[5]),
    nanoseconds: Number(fraction.padEnd(9, '0')),
    period: null,
    event: '',
    rest: '',
  };
  let rest = m[7] ?? '';
  const period = /^(\d+)(?:\s+|$)/.exec(rest);
  if (period) {
    header.period = Number(period[1]);
    rest = rest.slice(period[0].length);
  }
  const event = /^(\S*?):(?:\s+|$)/.exec(rest);
  if (event) {
    header.event = event[1] as string;
    rest = rest.slice(event[0].length);
  }
  header.rest = rest.trim();
  return header;
}

// perf's event modifiers (perf-list(1)): u k h I G H p P S D W e b.
const MODIFIERS = /:[ukhIGHpPSDWeb]+$/;

/** The event's name without modifiers, as a sample type name: "cycles:uppp" → "cycles". */
export function eventTypeName(event: string): string {
  return event.replace(MODIFIERS, '');
}

/** Software clock events count nanoseconds; every other event counts occurrences. */
export function eventUnit(typeName: string): string {
  return typeName === 'cpu-clock' || typeName === 'task-clock' ? 'nanoseconds' : 'count';
}
