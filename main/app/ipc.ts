/**
 * Electron IPC transport: one `ipcMain.handle('kiln:<method>')` per IPC method (the contract's methods but
 * importPaths: the renderer never names a path), plus the two channels of files the user chose
 * (main/app/file-ipc.ts). Each call is refused unless it comes from the main frame of our own window showing a
 * kiln://app page (checklist #17), then its arguments are validated before a service sees them.
 *
 * Only electron *types* are imported; main.ts passes the real ipcMain, tests a fake one.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { IPC_METHODS, type ArgsOf, type KilnMethod, type KilnServices, type ResultOf } from '../../shared/ipc/contract';
import { ContractError, validateArgs } from '../../shared/ipc/validate';
import { channelFor, FILE_HANDLE_CHANNEL, IMPORT_HANDLES_CHANNEL, type IpcReply } from './channels';
import type { FileHandleRegistry } from './file-handles';
import { fileHandleCall, forRenderer, importHandlesCall } from './file-ipc';
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
  /** Files the user chose in this session, by window (main keeps the paths, the renderer gets handles). */
  fileHandles: FileHandleRegistry;
  logger?: IpcLogger;
}

export type InvokeHandler = (event: IpcMainInvokeEvent, raw: unknown) => Promise<IpcReply<unknown>>;

function callService<M extends KilnMethod>(services: KilnServices, method: M, args: ArgsOf<M>): Promise<ResultOf<M>> {
  const fn = services[method] as (args: ArgsOf<M>) => Promise<ResultOf<M>>;
  return fn(args);
}

/** Errors that describe a bad request (not a fault in main): answered, not logged. */
const REQUEST_ERROR_NAMES: ReadonlySet<string> = new Set(['NotFoundError', 'FileHandleError']);

/** Only the message crosses to the renderer: no stack, no error object. */
function replyForError(what: string, error: unknown, logger: IpcLogger): IpcReply<never> {
  if (error instanceof ContractError) return { ok: false, error: error.message };
  if (error instanceof Error && REQUEST_ERROR_NAMES.has(error.name)) return { ok: false, error: error.message };
  logger.error(`kiln: ${what} failed`, error);
  const message = error instanceof Error && error.message !== '' ? error.message : `${what} failed`;
  return { ok: false, error: message };
}

/** The work of one channel, run only for a trusted sender; `sender` names the window (its handles' owner). */
export type TrustedCall = (raw: unknown, sender: SenderInfo) => Promise<unknown>;

/**
 * The handler of one channel. An untrusted sender gets a thrown error (and a warning in the main log); a
 * trusted one gets `{ok, value}` or `{ok:false, error}`.
 */
function createTrustedHandler(channel: string, what: string, call: TrustedCall, options: IpcOptions): InvokeHandler {
  const logger = options.logger ?? console;
  return async (event, raw) => {
    const sender = describeSender(event);
    if (!isTrustedSender(sender, options.expectedSender())) {
      logger.warn(`kiln: refused ${channel} from an untrusted sender (${sender.frameUrl ?? 'no frame'})`);
      throw new Error(`${channel}: refused, untrusted sender`);
    }
    try {
      return { ok: true, value: await call(raw, sender) };
    } catch (error) {
      return replyForError(what, error, logger);
    }
  };
}

/** The handler of one IPC method: validated arguments to its service. importPaths has none (no paths from a page). */
export function createInvokeHandler(method: KilnMethod, options: IpcOptions): InvokeHandler {
  if (!IPC_METHODS.includes(method)) throw new Error(`${method} is not offered over IPC`);
  const call: TrustedCall = async (raw) =>
    forRenderer(method, await callService(options.services, method, validateArgs(method, raw)));
  return createTrustedHandler(channelFor(method), method, call, options);
}

/** Every channel registerIpc handles, in order: one per IPC method, then the chosen-files channels. */
export function ipcChannels(): string[] {
  return [...IPC_METHODS.map(channelFor), FILE_HANDLE_CHANNEL, IMPORT_HANDLES_CHANNEL];
}

/** Registers every handler; returns a function that removes them again. */
export function registerIpc(ipc: Pick<IpcMain, 'handle' | 'removeHandler'>, options: IpcOptions): () => void {
  for (const method of IPC_METHODS) ipc.handle(channelFor(method), createInvokeHandler(method, options));
  ipc.handle(
    FILE_HANDLE_CHANNEL,
    createTrustedHandler(FILE_HANDLE_CHANNEL, 'fileHandle', fileHandleCall(options.fileHandles), options),
  );
  ipc.handle(
    IMPORT_HANDLES_CHANNEL,
    createTrustedHandler(
      IMPORT_HANDLES_CHANNEL,
      'importHandles',
      importHandlesCall(options.services, options.fileHandles),
      options,
    ),
  );
  return () => {
    for (const channel of ipcChannels()) ipc.removeHandler(channel);
  };
}
