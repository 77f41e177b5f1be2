/**
 * The request pattern of the renderer's data stores: a store remembers which request its data belongs to, starts a
 * request only when that is not already loaded or loading (a re-render, coming back to an item), clears the old answer
 * when it does, and drops any answer or error that arrives after another request has replaced it, so clicking quickly
 * through the catalogue never shows one view's data under another's name.
 */
import { errorMessage } from '../backend/KilnBackend';

/** What every request store holds besides its data: the error of its latest request. */
export interface RequestState {
  error: string | null;
}

export interface RequestSpec<S> {
  /** Whether the store's latest request is this one. */
  isCurrent(state: S): boolean;
  /** Set when the request starts: the fields that name it and the cleared data (`error` is cleared too). */
  start: Partial<S>;
}

export interface ActiveRequest<S> {
  /** Whether this request is still the store's latest. */
  stillWanted(): boolean;
  /**
   * Calls `ask` and waits for its answer; if the request is still wanted then, sets `apply(value)`, or on failure
   * (thrown or rejected) `error` plus `onError`.
   */
  deliver<T>(ask: () => Promise<T>, apply: (value: T) => Partial<S>, onError?: Partial<S>): Promise<void>;
}

/**
 * Starts a request unless it is what the store already holds without an error; null then. `get` and `set` are the
 * zustand store's own.
 */
export function beginRequest<S extends RequestState>(
  get: () => S,
  set: (partial: Partial<S>) => void,
  spec: RequestSpec<S>,
): ActiveRequest<S> | null {
  if (spec.isCurrent(get()) && get().error === null) return null;
  set({ ...spec.start, error: null });
  const stillWanted = (): boolean => spec.isCurrent(get());
  return {
    stillWanted,
    deliver: (ask, apply, onError) =>
      settled(ask).then(
        (value) => {
          if (stillWanted()) set(apply(value));
        },
        (error: unknown) => {
          if (stillWanted()) set({ ...onError, error: errorMessage(error) } as Partial<S>);
        },
      ),
  };
}

/** The common case: a store whose `key` names its request. */
export function beginKeyedRequest<S extends RequestState & { key: string | null }>(
  get: () => S,
  set: (partial: Partial<S>) => void,
  key: string,
  cleared: Partial<S>,
): ActiveRequest<S> | null {
  return beginRequest(get, set, { isCurrent: (state) => state.key === key, start: { ...cleared, key } });
}

/** `ask()`, with a synchronous throw turned into a rejection. */
function settled<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return ask();
  } catch (error) {
    return Promise.reject(error);
  }
}
