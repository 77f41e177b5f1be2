/**
 * Where Kiln keeps its database. The default is the folder Electron's
 * `app.getPath('userData')` gives for an app named "Kiln", so the CLI, `kiln serve`
 * and the desktop app share one store; `--db` or KILN_DB overrides it.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Kiln';
export const DB_FILE_NAME = 'kiln.db';

/** Electron's appData folder for this platform (see Electron's app.getPath docs). */
export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  return env['XDG_CONFIG_HOME'] || join(homedir(), '.config');
}

export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  return join(appDataDir(env, platform), APP_NAME);
}

/** The database path: an explicit path wins, then KILN_DB, then the user-data folder. */
export function defaultDbPath(userDataDir?: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env['KILN_DB'];
  if (fromEnv) return fromEnv;
  return join(userDataDir ?? defaultUserDataDir(env), DB_FILE_NAME);
}
