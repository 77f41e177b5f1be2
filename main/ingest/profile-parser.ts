/**
 * Compatibility with callers written against the parser API that the ingest
 * runner (ingest-runner.ts) replaced: `createImporter(store, inlineParser(), max)`
 * still builds an importer that runs inline. New code uses `inlineRunner(store)`.
 */
import type { ImportLimits } from '../../shared/import/limits';

export interface InlineParser {
  readonly inline: true;
  readonly limits: Partial<ImportLimits>;
}

export function inlineParser(limits: Partial<ImportLimits> = {}): InlineParser {
  return { inline: true, limits };
}
