/**
 * Electron IPC transport: one `ipcMain.handle('kiln:<method>')` per contract
 * method. Each call is refused unless it comes from the main frame of our own
 * window showing a kiln://app page (checklist #17), then its arguments go
 * through `validateArgs` before a service sees them.
 *
 * Only electron *types* are imported; main.ts passes the real ipcMain, tests a
 * fake one.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import {
  KILN_METHODS,
  type ArgsOf,
  type KilnMethod,
  type KilnServices,
  type ResultOf,
} from '../../shared/ipc/contract';
import { ContractError, validateArgs } from '../../shared/ipc/validate';
import { channelFor, type IpcReply } from './channels';
import { originOf } from './protocol';

/** What the check needs to know about the frame that sent a message. */
export interface SenderInfo {
  /** URL of the sending frame; null when the frame is gone. */
  frameUrl: string | null;
  /** True for the top-level frame of its web contents (not an iframe, not a fenced frame). */
  isMainFrame: boolean;
  webContentsId: number;
}

/** The one sender we serve: our window's web contents showing a page of our origin. */
export interface ExpectedSender {
  appOrigin: string;
  webContentsId: number;
}

export function isTrustedSender(sender: SenderInfo, expected: ExpectedSender | null): boolean {
  if (expected === null) return false;
  if (!sender.isMainFrame) return false;
  if (sender.webContentsId !== expected.webContentsId) return false;
  if (sender.frameUrl === null) return false;
  return originOf(sender.frameUrl) === expected.appOrigin;
}

/** Reads the sender of an invoke; a destroyed or missing frame reads as an untrusted one. */
export function describeSender(event: IpcMainInvokeEvent): SenderInfo {
  const webContentsId = event.sender.id;
  try {
    const frame = event.senderFrame;
    if (frame === null || frame.isDestroyed()) return { frameUrl: null, isMainFrame: false, webContentsId };
    const main = event.sender.mainFrame;
    const isMainFrame =
      frame.parent === null && frame.processId === main.processId && frame.routingId === main.routingId;
    return { frameUrl: frame.url, isMainFrame, webContentsId };
  } catch {
    return { frameUrl: null, isMainFrame: false, webContentsId };
  }
}

export interface IpcLogger {
  warn(message: string): void;
  error(message: string, error: unknown): void;
}

export interface IpcOptions {
  services: KilnServices;
  /** The sender to accept, or null while no window is open (then every call is refused). */
  expectedSender: () => ExpectedSender | null;
  logger?: IpcLogger;
}

export type InvokeHandler = (event: IpcMainInvokeEvent, raw: unknown) => Promise<IpcReply<unknown>>;

function callService<M extends KilnMethod>(services: KilnServices, method: M, args: ArgsOf<M>): Promise<ResultOf<M>> {
  const fn = services[method] as (args: ArgsOf<M>) => Promise<ResultOf<M>>;
  return fn(args);
}

/** Errors that describe a bad request (not a fault in main): answered, not logged. */
const REQUEST_ERROR_NAMES: ReadonlySet<string> = new Set(['NotFoundError']);

/** Only the message crosses to the renderer: no stack, no error object. */
function replyForError(method: KilnMethod, error: unknown, logger: IpcLogger): IpcReply<never> {
  if (error instanceof ContractError) return { ok: false, error: error.message };
  if (error instanceof Error && REQUEST_ERROR_NAMES.has(error.name)) return { ok: false, error: error.message };
  logger.error(`kiln: ${method} failed`, error);
  const message = error instanceof Error && error.message !== '' ? error.message : `${method} failed`;
  return { ok: false, error: message };
}

/**
 * The handler for one method. An untrusted sender gets a thrown error (and a
 * warning in the main log); a trusted one gets `{ok, value}` or `{ok:false, error}`.
 */
export function createInvokeHandler(method: KilnMethod, options: IpcOptions): InvokeHandler {
  const logger = options.logger ?? console;
  const channel = channelFor(method);
  return async (event, raw) => {
    const sender = describeSender(event);
    if (!isTrustedSender(sender, options.expectedSender())) {
      logger.warn(`kiln: refused ${channel} from an untrusted sender (${sender.frameUrl ?? 'no frame'})`);
      throw new Error(`${channel}: refused, untrusted sender`);
    }
    try {
      const args = validateArgs(method, raw);
      return { ok: true, value: await callService(options.services, method, args) };
    } catch (error) {
      return replyForError(method, error, logger);
    }
  };
}

/** Registers one handler per contract method; returns a function that removes them again. */
export function registerIpc(ipc: Pick<IpcMain, 'handle' | 'removeHandler'>, options: IpcOptions): () => void {
  for (const method of KILN_METHODS) {
    ipc.handle(channelFor(method), createInvokeHandler(method, options));
  }
  return () => {
    for (const method of KILN_METHODS) ipc.removeHandler(channelFor(method));
  };
}
