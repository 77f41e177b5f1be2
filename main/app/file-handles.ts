/**
 * The files the user chose in this session, by window: the preload resolves a dropped or opened File to its
 * path (webUtils.getPathForFile), main records it here and gives the renderer an opaque handle in exchange.
 * Importing takes handles, so the renderer never names a path: a compromised page can import (or learn the
 * errors of) only files the user handed it.
 *
 * A handle is single-use: `take` consumes it. The renderer asks for one right before the import it is for, so a
 * handle is never needed twice; a handle that leaks (into a log, a URL) is worthless once used; and the registry
 * holds only imports not yet started instead of growing with the session. To import a file again the user drops
 * or opens it again, as they would anyway.
 */
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import type { ChosenFile } from '../../shared/ipc/contract';

/** 128 random bits as base64url (22 characters): unguessable, and unique without bookkeeping. */
export function randomFileHandle(): string {
  return randomBytes(16).toString('base64url');
}

/** A handle that is unknown, already used, or another window's: a bad request, answered to the renderer as is. */
export class FileHandleError extends Error {
  override readonly name = 'FileHandleError';
}

/** Handles waiting for their import, per window; more means a renderer asking for handles it never uses. */
export const MAX_PENDING_HANDLES = 10_000;

export class FileHandleRegistry {
  /** webContents id → handle → path. */
  private readonly owners = new Map<number, Map<string, string>>();

  constructor(private readonly newHandle: () => string = randomFileHandle) {}

  /** Records a path the user chose in window `owner`; returns its handle and base name (all the renderer sees). */
  register(owner: number, path: string): ChosenFile {
    let pending = this.owners.get(owner);
    if (pending === undefined) {
      pending = new Map();
      this.owners.set(owner, pending);
    }
    if (pending.size >= MAX_PENDING_HANDLES) {
      throw new FileHandleError(`too many files waiting to be imported (at most ${MAX_PENDING_HANDLES})`);
    }
    let handle = this.newHandle();
    while (this.isKnown(handle)) handle = this.newHandle();
    pending.set(handle, path);
    return { handle, name: basename(path) };
  }

  /**
   * The paths of `handles`, consumed. All or nothing: if any handle is unknown, used or another window's,
   * nothing is consumed and the error says which one (by position: a handle is no name to show).
   */
  take(owner: number, handles: readonly string[]): string[] {
    const pending = this.owners.get(owner);
    const paths = handles.map((handle, index) => {
      const path = pending?.get(handle);
      if (path === undefined) {
        throw new FileHandleError(
          `file ${index + 1} of ${handles.length} was not chosen in this window, or was already imported: drop or open it again`,
        );
      }
      return path;
    });
    if (new Set(handles).size !== handles.length) throw new FileHandleError('the same file handle was given twice');
    for (const handle of handles) pending?.delete(handle);
    return paths;
  }

  /** Drops every handle of a window (closed, or its page replaced). */
  forget(owner: number): void {
    this.owners.delete(owner);
  }

  /** Handles not yet used, over all windows. */
  get size(): number {
    let count = 0;
    for (const pending of this.owners.values()) count += pending.size;
    return count;
  }

  private isKnown(handle: string): boolean {
    for (const pending of this.owners.values()) if (pending.has(handle)) return true;
    return false;
  }
}
