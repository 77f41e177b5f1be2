/**
 * Names for the addresses of a legacy text profile. pprof itself ignores
 * them (it treats "#" lines as comments and symbolizes from binaries), but
 * they are what make these files readable without the binary:
 *
 * - Go's runtime/pprof, at debug=1, follows each stack with one line per
 *   frame (runtime/pprof printStackRecord):
 *   "#\t0x4b5370\tmain.allocLarge+0x50\t/src/main.go:29". The address there
 *   is the call's PC, i.e. the stack's return address minus one, which is the
 *   address pprof's `addr--` lands on. Leading runtime.* frames and
 *   runtime.goexit are left out of a stack's lines, so a map over the whole
 *   file names them where another stack shows them. Since Go 1.12 each inlined
 *   call has its own PC in the stack; older runtimes printed inlined frames as
 *   several lines with one PC, innermost first.
 * - Java agents (pprof legacy_java_profile.go parseJavaLocations) end the file
 *   with lines " 0x0000003 com.example.Foo.bar (Foo.java:12)".
 * - gperftools' threadz may print "0x0040be31: main" (symbolized stacks).
 */
import { canonicalHex } from './addresses';

export interface SymbolFrame {
  name: string;
  file: string;
  line: number;
}

/** Frames by canonical hex address, innermost first when several share one address (inlining). */
export type SymbolTable = Map<string, SymbolFrame[]>;

// "#\t0x4b5370\tmain.allocLarge+0x50\t/path/file.go:29"; tabwriter pads with extra tabs.
const GO_SYMBOL = /^#\s+0x([0-9a-fA-F]+)\s+(\S(?:.*\S)?)\+0x[0-9a-fA-F]+\s+(.*):(\d+)\s*$/;

/** A Go debug=1 symbol line as [canonical address, frame], or null for any other line. */
export function parseGoSymbolLine(line: string): [string, SymbolFrame] | null {
  const match = GO_SYMBOL.exec(line);
  if (!match) return null;
  const [, hex, name, file, lineNumber] = match;
  return [canonical(hex as string), { name: name as string, file: file as string, line: Number(lineNumber) }];
}

/** Adds `frame` for `address`, keeping the file's first word for each (address, position) pair. */
export function addSymbol(table: SymbolTable, address: string, frame: SymbolFrame, position: number): void {
  let frames = table.get(address);
  if (!frames) {
    frames = [];
    table.set(address, frames);
  }
  // Several lines for one address within one stack are inlined frames; the
  // same address in a later stack repeats what is already known.
  if (position === frames.length) frames.push(frame);
}

// pprof javaLocationRx, javaLocationFileLineRx, javaLocationPathRx.
const JAVA_LOCATION = /^\s*0x([0-9a-fA-F]+)\s+(.*?)\s*$/;
const JAVA_FILE_LINE = /^(.*)\s+\((.+):(-?\d+)\)$/;
const JAVA_PATH = /^(.*)\s+\((.*)\)$/;

/**
 * A Java symbol line as [canonical address, frame], or null. As pprof does:
 * "fn (File.java:12)" gives file and line (line 0 unless positive);
 * "fn (/path/lib.so)" gives the library's base name as the file; a line
 * mentioning "generated stub/JIT" is the function "STUB"; anything else is a
 * function name ("GC", "VM").
 */
export function parseJavaSymbolLine(line: string): [string, SymbolFrame] | null {
  const match = JAVA_LOCATION.exec(line);
  if (!match) return null;
  const address = canonical(match[1] as string);
  const text = match[2] as string;
  const fileLine = JAVA_FILE_LINE.exec(text);
  if (fileLine) {
    const n = Number(fileLine[3]);
    return [address, { name: fileLine[1] as string, file: fileLine[2] as string, line: n > 0 ? n : 0 }];
  }
  const path = JAVA_PATH.exec(text);
  if (path) {
    const file = path[2] as string;
    return [address, { name: path[1] as string, file: file.slice(file.lastIndexOf('/') + 1), line: 0 }];
  }
  if (text.includes('generated stub/JIT')) return [address, { name: 'STUB', file: '', line: 0 }];
  return [address, { name: text, file: '', line: 0 }];
}

// "PC:  0x00bc8f1c: helper(arg *)" or "0x0040be31: main" in a symbolized threadz stack.
const THREAD_SYMBOL = /^\s*(?:PC:\s*)?0x([0-9a-fA-F]+):\s+(\S.*?)\s*$/;

/** A symbolized threadz frame line as [raw canonical address, name], or null. */
export function parseThreadSymbolLine(line: string): [string, string] | null {
  const match = THREAD_SYMBOL.exec(line);
  return match ? [canonical(match[1] as string), match[2] as string] : null;
}

/** Canonical hex of the digits after "0x"; addresses wider than 64 bits are kept as written, never matched. */
function canonical(digits: string): string {
  return canonicalHex(`0x${digits}`) ?? `0x${digits}`;
}

/**
 * Collects Go "#" symbol lines into a table. Consecutive lines with one
 * address are the inlined frames of that address, innermost first.
 */
export class GoSymbolCollector {
  private lastAddress = '';
  private position = 0;

  constructor(readonly table: SymbolTable) {}

  /** Call at each stack line, so that equal addresses in two stacks are not taken for inlining. */
  startStack(): void {
    this.lastAddress = '';
  }

  /** Records `line` if it is a symbol line; true when it was one. */
  add(line: string): boolean {
    const parsed = parseGoSymbolLine(line);
    if (!parsed) return false;
    const [address, frame] = parsed;
    this.position = address === this.lastAddress ? this.position + 1 : 0;
    this.lastAddress = address;
    addSymbol(this.table, address, frame, this.position);
    return true;
  }
}
