/**
 * A compact text form of a filter list, to put a view in a URL:
 * `focus:main\.handle;hide:runtime\..*;label:endpoint=/api;lines;invert`
 * (shown unescaped). Filters are separated by `;`, a kind from its argument by
 * the first `:`, and a label filter's key from its value by the first `=`.
 * Patterns, keys and values are percent-encoded (UTF-8, as
 * encodeURIComponent) except for the characters RFC 3986 allows verbatim in a
 * query or fragment and regexes and URL paths use often (`$ / ? , @`), so
 * `;`, `:`, `=`, `%`, `&`, `#`, `+`, `\` and spaces are always escaped and
 * the text can go in a URL as it is.
 */
import type { StackFilter } from './filters';

const KEPT_VERBATIM = /%(24|2F|3F|2C|40)/g;

export function formatFilters(filters: readonly StackFilter[]): string {
  return filters.map(formatFilter).join(';');
}

function formatFilter(filter: StackFilter): string {
  switch (filter.kind) {
    case 'focus':
    case 'hide':
    case 'drop':
      return `${filter.kind}:${escape(filter.pattern)}`;
    case 'collapseRecursion':
      return filter.pattern === undefined ? filter.kind : `${filter.kind}:${escape(filter.pattern)}`;
    case 'label':
      return `label:${escape(filter.key)}=${escape(filter.value)}`;
    case 'invert':
    case 'lines':
      return filter.kind;
  }
}

/** Inverse of formatFilters; empty segments are ignored, an unknown kind or a missing argument throws a SyntaxError. */
export function parseFilters(text: string): StackFilter[] {
  const filters: StackFilter[] = [];
  for (const segment of text.split(';')) {
    if (segment === '') continue;
    const colon = segment.indexOf(':');
    const kind = colon < 0 ? segment : segment.slice(0, colon);
    const argument = colon < 0 ? undefined : segment.slice(colon + 1);
    const pattern = argument === undefined ? undefined : unescape(argument);
    switch (kind) {
      case 'focus':
      case 'hide':
      case 'drop':
        if (pattern === undefined) throw new SyntaxError(`filter "${kind}" needs a pattern: ${kind}:<regex>`);
        filters.push({ kind, pattern });
        break;
      case 'collapseRecursion':
        filters.push(pattern === undefined ? { kind } : { kind, pattern });
        break;
      case 'label':
        filters.push({ kind, ...parseLabelArgument(argument) });
        break;
      case 'invert':
      case 'lines':
        if (argument !== undefined) throw new SyntaxError(`filter "${kind}" takes no argument`);
        filters.push({ kind });
        break;
      default:
        throw new SyntaxError(`unknown filter "${kind}"`);
    }
  }
  return filters;
}

/** `key=value`, split at the first raw `=` (formatFilters escapes any in the key) and then unescaped. */
function parseLabelArgument(argument: string | undefined): { key: string; value: string } {
  const eq = argument === undefined ? -1 : argument.indexOf('=');
  if (argument === undefined || eq <= 0 || eq === argument.length - 1) {
    throw new SyntaxError('filter "label" needs a key and a value: label:<key>=<value>');
  }
  return { key: unescape(argument.slice(0, eq)), value: unescape(argument.slice(eq + 1)) };
}

function escape(text: string): string {
  return encodeURIComponent(text).replace(KEPT_VERBATIM, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Decodes runs of %XX; a `%` that does not start valid UTF-8 escapes stays as typed (a hand-edited URL). */
function unescape(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}
