/**
 * `kiln serve` opens the page at `/?token=...`. The token is read at start-up and taken out of the address bar
 * (and so out of history, bookmarks and screenshots). It is kept in the tab's sessionStorage so that a reload,
 * or opening the address again in the same tab, still has it: without it every call failed and the page said
 * "This page has no session token" over an empty catalogue. sessionStorage belongs to this origin
 * (127.0.0.1:PORT of this run) and this tab: no other origin's page can read it, it never goes to disk as
 * a cookie would go to the server, and it ends with the tab.
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

/** The part of the Web Storage API the token needs (sessionStorage in the page, a Map in tests). */
export type TokenStorage = Pick<Storage, 'getItem' | 'setItem'>;

const STORAGE_KEY = 'kiln.sessionToken';

/**
 * The token of this page: the one in the URL (a fresh `kiln serve` address; it replaces any kept one, which
 * may belong to an earlier run on the same port), else the one kept for this tab.
 */
export function sessionTokenOf(href: string, storage: TokenStorage | null): TakenToken {
  const taken = takeTokenFromUrl(href);
  if (taken.token !== null) {
    storage?.setItem(STORAGE_KEY, taken.token);
    return taken;
  }
  const kept = storage?.getItem(STORAGE_KEY) ?? null;
  return { token: kept === '' ? null : kept, cleanedUrl: taken.cleanedUrl };
}

/** The tab's sessionStorage, or null where the browser refuses it (storage disabled): the token then lives in memory. */
function tabStorage(): TokenStorage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** Reads the token from the current location (or the tab's storage) and removes it from the visible URL. */
export function consumeSessionToken(): string | null {
  const { token, cleanedUrl } = sessionTokenOf(window.location.href, tabStorage());
  if (cleanedUrl !== window.location.href) window.history.replaceState(window.history.state, '', cleanedUrl);
  return token;
}
