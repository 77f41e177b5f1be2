/**
 * `kiln serve` opens the page at `/?token=...`. The token is read once at start-up
 * and then taken out of the address bar (and so out of history, bookmarks and
 * screenshots); it lives on only in memory.
 */

export interface TakenToken {
  token: string | null;
  /** The URL without the token parameter; equal to the input when there was none. */
  cleanedUrl: string;
}

export function takeTokenFromUrl(href: string): TakenToken {
  const url = new URL(href);
  const token = url.searchParams.get('token');
  if (token === null) return { token: null, cleanedUrl: href };
  url.searchParams.delete('token');
  return { token: token === '' ? null : token, cleanedUrl: url.toString() };
}

/** Reads the token from the current location and removes it from the visible URL. */
export function consumeSessionToken(): string | null {
  const { token, cleanedUrl } = takeTokenFromUrl(window.location.href);
  if (cleanedUrl !== window.location.href) window.history.replaceState(window.history.state, '', cleanedUrl);
  return token;
}
