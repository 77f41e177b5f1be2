/**
 * Line access for the GC-log importers. Logs are read one line at a time
 * without splitting the whole text into an array, and a line longer than any
 * real log line (a hostile or corrupt file can hold a 20 MB "line") is handed
 * over as a short prefix marked `tooLong`, so no pattern ever runs over it.
 */

/** Longer than any line a JVM, Go or V8 writes (G1's longest detail lines are a few KB). */
export const MAX_GC_LINE_CHARS = 64 * 1024;
/** What a too-long line is cut to: enough to see whether it starts like a GC line. */
const TOO_LONG_PREFIX_CHARS = 256;

export interface LogLine {
  /** The line without its end-of-line characters; only the first characters when `tooLong`. */
  text: string;
  /** 1-based. */
  number: number;
  tooLong: boolean;
}

/** The lines of `text` ("\n" or "\r\n" separated), one by one. */
export function* logLines(text: string): Generator<LogLine> {
  let number = 0;
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    number++;
    const length = end - start;
    if (length > MAX_GC_LINE_CHARS) {
      yield { text: text.slice(start, start + TOO_LONG_PREFIX_CHARS), number, tooLong: true };
    } else {
      let lineEnd = end;
      if (lineEnd > start && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
      yield { text: text.slice(start, lineEnd), number, tooLong: false };
    }
    start = end + 1;
  }
}

/** At most `count` non-blank lines from the start of a text, for format detection. */
export function firstLines(textStart: string, count: number): string[] {
  const lines: string[] = [];
  for (const line of logLines(textStart)) {
    if (line.tooLong) continue;
    if (line.text.trim() === '') continue;
    lines.push(line.text);
    if (lines.length >= count) break;
  }
  return lines;
}

/** Lines that the detection functions look at (the first ~50, as the other sniffers do). */
export const GC_SNIFF_LINES = 50;
