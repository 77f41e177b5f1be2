import { StringTable } from './model';

/**
 * The model's strings, functions and frames, interned so that equal ones share
 * a row. ProfileBuilder (row-by-row importers) and the streaming pprof decoder
 * both build their tables with it. Called once per distinct function or
 * location line, never per sample, so a text key costs little.
 */
export class ModelTables {
  readonly strings = new StringTable();
  readonly functions = {
    name: [] as number[],
    systemName: [] as number[],
    file: [] as number[],
    startLine: [] as number[],
  };
  readonly frames = {
    func: [] as number[],
    line: [] as number[],
    column: [] as number[],
    address: [] as number[],
    inlined: [] as number[],
  };
  // Keyed by text: called once per function or location line, never per sample.
  private readonly functionIndex = new Map<string, number>();
  private readonly frameIndex = new Map<string, number>();

  /** Arguments are model string indices. */
  internFunction(name: number, systemName: number, file: number, startLine: number): number {
    const key = `${name},${systemName},${file},${startLine}`;
    let row = this.functionIndex.get(key);
    if (row === undefined) {
      row = this.functions.name.length;
      this.functions.name.push(name);
      this.functions.systemName.push(systemName);
      this.functions.file.push(file);
      this.functions.startLine.push(startLine);
      this.functionIndex.set(key, row);
    }
    return row;
  }

  internFrame(func: number, line: number, column: number, address: number, inlined: boolean): number {
    const flag = inlined ? 1 : 0;
    const key = `${func},${line},${column},${address},${flag}`;
    let row = this.frameIndex.get(key);
    if (row === undefined) {
      row = this.frames.func.length;
      this.frames.func.push(func);
      this.frames.line.push(line);
      this.frames.column.push(column);
      this.frames.address.push(address);
      this.frames.inlined.push(flag);
      this.frameIndex.set(key, row);
    }
    return row;
  }

  /** A frame of a function that has only a name (synthetic or unsymbolized code). */
  namedFrame(name: string, address: number): number {
    return this.internFrame(this.internFunction(this.strings.intern(name), 0, 0, 0), 0, 0, address, false);
  }
}
