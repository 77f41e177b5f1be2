/**
 * Reads a callgrind (or cachegrind) profile into a call graph: each
 * function's self cost and each call edge's inclusive cost, per event.
 *
 * Facts from valgrind's "Callgrind Format Specification" (docs/cl-format),
 * callgrind's writer (callgrind/dump.c) and KCachegrind's reader
 * (libcore/cachegrindloader.cpp):
 * - Header lines are "key: value": "events:" names the cost columns (once per
 *   part, required), "positions:" the subpositions that start each cost line
 *   ("line" by default; "instr line" with --dump-instr), "summary:" and
 *   "totals:" the costs of the whole run; "cmd:", "creator:", "desc:", "pid:",
 *   "part:" and others describe it.
 * - Position lines: ob= (ELF object), fl= (the function's file), fi=/fe=
 *   (the file of inlined code that follows), fn= (function); cob=, cfi= (or
 *   cfl=), cfn= name the target of the next call. "fn=" returns to the fl=
 *   file; a callee's file and object default to the current ones and are
 *   forgotten after each call, its function is not.
 * - Name compression: "(id) name" defines an id, "(id)" reuses it; files
 *   (fl, fi, fe, cfi, cfl, jfi), functions (fn, cfn, jfn) and objects (ob,
 *   cob) each share one table, as callgrind writes them.
 * - Cost lines: subpositions (absolute decimal or 0x hex, "+n"/"-n" relative
 *   to the previous one, "*" the same), then counters in "events:" order;
 *   missing counters are 0. They give self cost.
 * - "calls=count target" is followed by a cost line whose counters are the
 *   inclusive cost of those calls; "jump=" and "jcnd=" by a line without
 *   cost that Kiln skips.
 * Kiln needs no line numbers (frames are per function), so subpositions are
 * checked for syntax but not resolved.
 */
import { fail } from '../errors';
import { checkLimit, type ImportLimits } from '../limits';
import { quoteLine, type LineReader } from '../line-reader';

export interface CallgrindFunction {
  name: string;
  /** Source file, or the ELF object when the file is unknown ("???"), or "". */
  file: string;
}

export interface CallGraph {
  events: string[];
  functions: CallgrindFunction[];
  /** Self cost per function and event: self[f][e]. */
  self: number[][];
  /** Call edges per caller in order of first appearance: callee and inclusive cost per event. */
  calls: { callee: number; cost: number[] }[][];
  /** Costs the file states for the whole run ("summary:" or, else, "totals:"), null when absent. */
  statedTotals: number[] | null;
  comments: string[];
}

const POSITION_SPEC = /^(ob|fl|fi|fe|fn|cob|cfi|cfl|cfn|jfi|jfn)=(.*)$/;
const HEADER = /^([A-Za-z][A-Za-z0-9_ ()]*?):\s*(.*)$/;
const SUBPOSITION = /^(?:\*|[+-]?(?:0[xX][0-9a-fA-F]+|\d+))$/;
const COST = /^(?:0[xX][0-9a-fA-F]+|\d+)$/;
const COMPRESSED = /^\((\d+)\)(?:\s+(.*))?$/;

type Table = 'file' | 'function' | 'object';

export function parseCallgrind(reader: LineReader, limits: ImportLimits): CallGraph {
  const graph: CallGraph = { events: [], functions: [], self: [], calls: [], statedTotals: null, comments: [] };
  let summary: number[] | null = null;
  let totals: number[] | null = null;
  let positions = 1;

  // Compressed names per table; compressed function ids map to function rows.
  let names: Record<Table, Map<string, string>> = { file: new Map(), function: new Map(), object: new Map() };
  let functionOfId = new Map<string, number>();
  const functionOfKey = new Map<string, number>();
  const edgeIndex = new Map<string, number>();

  let object = '';
  let functionFile = '';
  let file = '';
  let current = -1;
  let calleeObject: string | null = null;
  let calleeFile: string | null = null;
  let callee = -1;
  let jumpFile: string | null = null;
  let unknownLines = 0;
  /** What the next cost line is: self cost, a call's inclusive cost, or a jump (no cost). */
  let pending: 'self' | 'call' | 'jump' = 'self';
  let sawBody = false;

  const where = (): string => `line ${reader.lineNumber}`;
  const functionRow = (name: string, fileName: string, objectName: string): number => {
    checkLimit('name length', name.length, limits, 'maxStringLength');
    const shownFile = fileName === '' || fileName === '???' ? objectName : fileName;
    const key = `${objectName}\n${shownFile}\n${name}`;
    let row = functionOfKey.get(key);
    if (row === undefined) {
      row = graph.functions.length;
      graph.functions.push({ name, file: shownFile });
      graph.self.push(new Array<number>(graph.events.length).fill(0));
      graph.calls.push([]);
      functionOfKey.set(key, row);
    }
    return row;
  };
  /** A position name, expanding name compression. */
  const positionName = (table: Table, value: string): string => {
    const m = COMPRESSED.exec(value.trim());
    if (!m) {
      checkLimit('name length', value.length, limits, 'maxStringLength');
      return value.trim();
    }
    const id = m[1] as string;
    if (m[2] !== undefined && m[2] !== '') {
      checkLimit('name length', m[2].length, limits, 'maxStringLength');
      names[table].set(id, m[2]);
      return m[2];
    }
    const known = names[table].get(id);
    if (known === undefined) fail(`${where()}: compressed ${table} name (${id}) is used before it is defined`);
    return known;
  };
  /** The function named by a fn=/cfn= value in the given file and object. */
  const functionNamed = (value: string, fileName: string, objectName: string): number => {
    const m = COMPRESSED.exec(value.trim());
    if (m && (m[2] === undefined || m[2] === '')) {
      const row = functionOfId.get(m[1] as string);
      if (row === undefined)
        fail(`${where()}: compressed function name (${m[1] as string}) is used before it is defined`);
      return row;
    }
    const row = functionRow(positionName('function', value), fileName, objectName);
    if (m) functionOfId.set(m[1] as string, row);
    return row;
  };
  const startPart = (): void => {
    names = { file: new Map(), function: new Map(), object: new Map() };
    functionOfId = new Map();
    object = functionFile = file = '';
    current = callee = -1;
    calleeObject = calleeFile = null;
    pending = 'self';
    sawBody = false;
  };

  for (let line = reader.next(); line !== null; line = reader.next()) {
    const text = line.trim();
    if (text === '' || text.startsWith('#')) continue;

    const spec = POSITION_SPEC.exec(text);
    if (spec) {
      sawBody = true;
      const key = spec[1] as string;
      const value = spec[2] as string;
      switch (key) {
        case 'ob':
          object = positionName('object', value);
          break;
        case 'fl':
          functionFile = file = positionName('file', value);
          break;
        case 'fi':
        case 'fe':
          file = positionName('file', value);
          break;
        case 'fn':
          file = functionFile;
          current = functionNamed(value, functionFile, object);
          break;
        case 'cob':
          calleeObject = positionName('object', value);
          break;
        case 'cfi':
        case 'cfl':
          calleeFile = positionName('file', value);
          break;
        case 'cfn':
          callee = functionNamed(value, calleeFile ?? file, calleeObject ?? object);
          break;
        case 'jfi':
          // Jump targets matter only for the names they define.
          jumpFile = positionName('file', value);
          break;
        case 'jfn':
          functionNamed(value, jumpFile ?? file, object);
          break;
      }
      continue;
    }
    if (text.startsWith('calls=')) {
      if (callee < 0) fail(`${where()}: calls= without a cfn= naming the called function`);
      pending = 'call';
      continue;
    }
    if (text.startsWith('jump=') || text.startsWith('jcnd=')) {
      pending = 'jump';
      continue;
    }

    const first = text.charCodeAt(0);
    const isCostLine = (first >= 48 && first <= 57) || first === 43 || first === 45 || first === 42; // 0-9 + - *
    if (isCostLine) {
      sawBody = true;
      if (graph.events.length === 0) fail(`${where()}: cost line before the "events:" line`);
      const tokens = text.split(/\s+/);
      for (let i = 0; i < positions; i++) {
        const token = tokens[i];
        if (token === undefined || !SUBPOSITION.test(token)) {
          fail(`${where()}: expected ${positions} position(s) at the start of ${quoteLine(text)}`);
        }
      }
      if (pending === 'jump') {
        jumpFile = null;
        pending = 'self';
        continue;
      }
      const costs = tokens.slice(positions);
      if (costs.length > graph.events.length) {
        fail(`${where()}: ${costs.length} costs but "events:" lists ${graph.events.length}: ${quoteLine(text)}`);
      }
      const values = new Array<number>(graph.events.length).fill(0);
      costs.forEach((token, e) => {
        if (!COST.test(token)) fail(`${where()}: cost ${quoteLine(token)} is not a number${relativeHint(token)}`);
        values[e] = Number(token);
      });
      if (current < 0) current = functionRow('(unknown)', file, object);
      if (pending === 'call') {
        addCall(graph, edgeIndex, current, callee, values);
        // The callee's file and object were for this call only.
        calleeFile = calleeObject = null;
        pending = 'self';
      } else {
        const self = graph.self[current] as number[];
        for (let e = 0; e < values.length; e++) self[e] = (self[e] as number) + (values[e] as number);
      }
      continue;
    }

    const header = HEADER.exec(text);
    if (header) {
      const key = (header[1] as string).trim();
      const value = (header[2] as string).trim();
      if (key === 'events') {
        const events = value.split(/\s+/).filter((e) => e !== '');
        if (events.length === 0) fail(`${where()}: "events:" lists no events`);
        if (graph.events.length > 0 && events.join(' ') !== graph.events.join(' ')) {
          fail(`${where()}: a part with other events (${value}) than the first (${graph.events.join(' ')})`);
        }
        if (graph.events.length === 0) {
          graph.events = events;
          // Functions named before the events line get a cost per event.
          for (const self of graph.self) while (self.length < events.length) self.push(0);
        } else if (sawBody) startPart();
      } else if (key === 'positions') {
        positions = Math.max(1, value.split(/\s+/).filter((p) => p === 'instr' || p === 'line' || p === 'bb').length);
      } else if (key === 'summary' || key === 'totals') {
        const stated = value.split(/\s+/).map(Number);
        if (stated.some((n) => !Number.isFinite(n))) fail(`${where()}: ${key}: is not a list of numbers`);
        if (key === 'summary') summary = addInto(summary, stated);
        else totals = addInto(totals, stated);
      } else if (key === 'cmd' || key === 'creator') {
        graph.comments.push(`${key}: ${value}`);
      } else if ((key === 'part' || key === 'thread' || key === 'pid') && sawBody) {
        startPart();
      }
      continue;
    }
    // Other "key=value" body lines (ln= of --dump-bbs, future specifications) carry no cost.
    if (/^\w+=/.test(text)) {
      unknownLines++;
      continue;
    }
    fail(`${where()}: not a callgrind line: ${quoteLine(text)}`);
  }
  if (unknownLines > 0) graph.comments.push(`skipped ${unknownLines} unknown "key=value" line(s)`);

  if (graph.events.length === 0) fail('no "events:" line: not a callgrind profile');
  if (pending === 'call') fail('the file ends after calls= without the line giving its cost');
  graph.statedTotals = summary ?? totals;
  return graph;
}

function addCall(graph: CallGraph, index: Map<string, number>, caller: number, callee: number, cost: number[]): void {
  const key = `${caller},${callee}`;
  const edges = graph.calls[caller] as CallGraph['calls'][number];
  const at = index.get(key);
  if (at === undefined) {
    index.set(key, edges.length);
    edges.push({ callee, cost: cost.slice() });
    return;
  }
  const edge = edges[at] as (typeof edges)[number];
  for (let e = 0; e < cost.length; e++) edge.cost[e] = (edge.cost[e] as number) + (cost[e] as number);
}

/** Element-wise sum, for "summary:"/"totals:" lines of several parts. */
function addInto(sum: number[] | null, values: number[]): number[] {
  if (!sum) return values.slice();
  return values.map((v, i) => v + (sum[i] ?? 0));
}

/** "*", "+n" and "-n" are subposition compression, which the format allows for positions only. */
function relativeHint(token: string): string {
  return /^[*+-]/.test(token) ? ' (relative notation is for positions, not costs)' : '';
}
