/** Generated bench inputs kept in the cache between runs, made once. */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';

/**
 * Makes the folder `dir` unless `doneFile` (inside it) is there: `make(partial)` fills a fresh `${dir}.partial`,
 * writing the done file there last, and only then is it renamed to `dir`, so an interrupted run leaves nothing that
 * passes for done.
 * @returns {Promise<{ cached: boolean } | { error: string }>} the error names `what` failed, with the first line of why
 */
export async function makeOnce(dir, doneFile, what, make) {
  if (existsSync(doneFile)) return { cached: true };
  rmSync(dir, { recursive: true, force: true });
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  try {
    await make(partial);
    renameSync(partial, dir);
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    return { error: `${what} failed: ${error.message.split('\n')[0]}` };
  }
  return { cached: false };
}
