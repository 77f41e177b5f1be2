/**
 * A compact text form of a filter list, to put a view in a URL:
 * `focus:main\.handle;hide:runtime\..*;invert` (shown unescaped). Filters are
 * separated by `;`, a kind from its pattern by the first `:`. Patterns are
 * percent-encoded (UTF-8, as encodeURIComponent) except for the characters
 * RFC 3986 allows verbatim in a query or fragment and regexes use often
 * (`$ / ? , @`), so `;`, `:`, `%`, `&`, `#`, `+`, `\` and spaces are always
 * escaped and the text can go in a URL as it is.
 */
import type { StackFilter } from './filters';

const KEPT_VERBATIM = /%(24|2F|3F|2C|40)/g;

export function formatFilters(filters: readonly StackFilter[]): string {
  return filters
    .map((filter) =>
      'pattern' in filter && filter.pattern !== undefined ? `${filter.kind}:${escape(filter.pattern)}` : filter.kind,
    )
    .join(';');
}

/** Inverse of formatFilters; empty segments are ignored, an unknown kind or a missing pattern throws a SyntaxError. */
export function parseFilters(text: string): StackFilter[] {
  const filters: StackFilter[] = [];
  for (const segment of text.split(';')) {
    if (segment === '') continue;
    const colon = segment.indexOf(':');
    const kind = colon < 0 ? segment : segment.slice(0, colon);
    const pattern = colon < 0 ? undefined : unescape(segment.slice(colon + 1));
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
      case 'invert':
        if (pattern !== undefined) throw new SyntaxError('filter "invert" takes no pattern');
        filters.push({ kind });
        break;
      default:
        throw new SyntaxError(`unknown filter "${kind}"`);
    }
  }
  return filters;
}

function escape(pattern: string): string {
  return encodeURIComponent(pattern).replace(KEPT_VERBATIM, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
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
