/**
 * Reads a text one line at a time without splitting it into an array first
 * (a text importer's input can be hundreds of megabytes). Lines end at "\n";
 * a "\r" before it is dropped, so CRLF files read like LF files.
 */
export class LineReader {
  private position = 0;
  /** 1-based number of the line last returned by `next`, for error messages. */
  lineNumber = 0;

  constructor(private readonly text: string) {}

  /** The next line without its terminator, or null at the end of the text. */
  next(): string | null {
    const text = this.text;
    if (this.position > text.length || (this.position === text.length && this.lineNumber > 0)) return null;
    let end = text.indexOf('\n', this.position);
    if (end < 0) end = text.length;
    let line = text.slice(this.position, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    this.position = end + 1;
    this.lineNumber++;
    return line;
  }

  /** An independent reader at the same place, for looking ahead. */
  fork(): LineReader {
    const copy = new LineReader(this.text);
    copy.position = this.position;
    copy.lineNumber = this.lineNumber;
    return copy;
  }
}

/** A line shortened for an error message. */
export function quoteLine(line: string, max = 80): string {
  return JSON.stringify(line.length > max ? `${line.slice(0, max)}…` : line);
}
