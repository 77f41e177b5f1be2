/**
 * The tags an item is stored with when the user gave some at import (contract.ts ImportTags): the user's service
 * replaces the one the data names, and the user's labels are added to the file's, a key the user gave overriding
 * the file's (the file's own keys, such as a pprof's build id, stay).
 */
import type { ImportTags } from '../ipc/contract';
import { NO_CAPTURE_TAGS, type CaptureTags } from './capture';

export function withImportTags(fromFile: CaptureTags | undefined, given: ImportTags | undefined): CaptureTags {
  const file = fromFile ?? NO_CAPTURE_TAGS;
  if (given === undefined) return file;
  return {
    service: given.service ?? file.service,
    labels: { ...file.labels, ...given.labels },
  };
}
