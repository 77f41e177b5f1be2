/**
 * Trace-event files in the JSON Array Format may lack the closing "]": the
 * Trace Event Format document makes it optional, so that a program that
 * writes events as it runs can be killed and still leave a readable trace,
 * and Chrome's trace viewer and speedscope accept such files (the corpus'
 * trace-event `simple-partial*` files are such traces). Strict JSON.parse
 * refuses them, so the sniffer can ask here before giving up.
 */

/**
 * The events of `text` when it is a JSON array of trace events whose closing
 * "]" is missing (after an optional trailing comma and whitespace), or whose
 * last event was cut off mid-write (then the events before it); undefined for
 * anything else. At most two extra parses.
 */
export function parseUnterminatedTraceArray(text: string): unknown[] | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[') || trimmed.endsWith(']')) return undefined;
  const withoutComma = trimmed.endsWith(',') ? trimmed.slice(0, -1) : trimmed;
  const whole = parseEvents(`${withoutComma}]`);
  if (whole !== undefined) return whole;
  // Cut off inside an event: keep everything up to the last complete one.
  const lastClose = withoutComma.lastIndexOf('}');
  return lastClose > 0 ? parseEvents(`${withoutComma.slice(0, lastClose + 1)}]`) : undefined;
}

function parseEvents(candidate: string): unknown[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(candidate);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed)) return undefined;
  const first: unknown = parsed[0];
  const isEvent = typeof first === 'object' && first !== null && typeof (first as { ph?: unknown }).ph === 'string';
  return isEvent ? parsed : undefined;
}
