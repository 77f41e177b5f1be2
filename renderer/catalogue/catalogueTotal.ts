/**
 * The catalogue's Total column. Each kind has its own headline: a profile's
 * total of its default sample type, a GC log's collections and time paused, a
 * heap snapshot's bytes. The number sorts the column; the text is shown.
 */
import type { ItemSummary } from '../../shared/ipc/contract';
import { formatValue } from '../../shared/format/units';

export interface CatalogueTotal {
  value: number;
  text: string;
}

export function catalogueTotal(item: ItemSummary): CatalogueTotal {
  if (item.gc !== null) {
    const { gcEvents, totalPauseMs } = item.gc;
    const gcs = `${formatValue(gcEvents, 'count')} ${gcEvents === 1 ? 'GC' : 'GCs'}`;
    return { value: totalPauseMs, text: `${gcs} · ${formatMilliseconds(totalPauseMs)} ms paused` };
  }
  if (item.heap !== null) {
    return { value: item.heap.selfSize, text: formatValue(item.heap.selfSize, 'bytes') };
  }
  const value = item.totals[item.defaultSampleType] ?? 0;
  const unit = item.sampleTypes[item.defaultSampleType]?.unit ?? '';
  return { value, text: formatValue(value, unit) };
}

/**
 * Milliseconds without switching units, so that GC logs compare at a glance down
 * the column: whole and grouped from 100 ms up ("12,346"), else three significant
 * digits ("48.3", "0.512").
 */
export function formatMilliseconds(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms >= 100) return formatValue(Math.round(ms), 'count');
  if (ms === 0) return '0';
  if (ms < 0.001) return '<0.001';
  return String(Number(ms.toPrecision(3)));
}
