/**
 * The reason part of an import failure. The services name the file in every message
 * (main/ingest/import-message.ts importErrorMessage: "empty.pb.gz: empty file", as the CLI prints it), and the
 * import panel shows the file name in its own style before the reason: printing the whole message there
 * said the name twice ("empty.pb.gz: empty.pb.gz: empty file").
 */
import type { ImportFailure } from '../../shared/ipc/contract';

export function failureReason({ file, message }: ImportFailure): string {
  const name = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  for (const prefix of [`${file}: `, `${name}: `]) {
    if (message.startsWith(prefix)) return message.slice(prefix.length);
  }
  return message;
}
