/**
 * Errors of the importers. Every failure of `importProfile` reaches the caller
 * as one `ImportError` that names the file and says what is wrong with it, so
 * the UI and the CLI can show it as is ("cpu.pb.gz: truncated gzip data").
 */

/** What callers see: the file name and a specific reason. */
export class ImportError extends Error {
  override readonly name = 'ImportError';

  constructor(
    readonly fileName: string,
    readonly reason: string,
  ) {
    super(`${fileName}: ${reason}`);
  }
}

/**
 * Thrown inside the importers, which work on bytes and do not know the file
 * name; `importProfile` turns it into an `ImportError` naming the file.
 */
export class ImportFailure extends Error {
  override readonly name = 'ImportFailure';

  constructor(readonly reason: string) {
    super(reason);
  }
}

/** An input that breaks one of the ImportLimits: not corrupt, just too big for the budget. */
export class LimitExceeded extends ImportFailure {}

export function fail(reason: string): never {
  throw new ImportFailure(reason);
}

/**
 * Names the file on any error. Errors that are not ours (a bug, or the engine
 * running out of room for a string) still become an ImportError, with the
 * stage in which they happened, so a caller never has to handle a raw TypeError.
 */
export function toImportError(fileName: string, error: unknown, stage: string): ImportError {
  if (error instanceof ImportError) return error;
  if (error instanceof ImportFailure) return new ImportError(fileName, error.reason);
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return new ImportError(fileName, `${stage} failed: input nests too deeply (${error.message})`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ImportError(fileName, `${stage} failed: ${message}`);
}
