import { describe, expect, it } from 'vitest';
import { captureStart, captureTags } from '../../shared/capture/capture';
import { formatLocalDateTime } from '../app/formatDate';
import {
  canSetStart,
  captureStartText,
  compareByService,
  dateTimeLocalValue,
  labelsText,
  parseDateTimeLocal,
  serviceTitle,
} from './captureText';

// Starts as the store derives them (shared/capture/capture.ts): a file's own start, or its modification time.
const MODIFIED_MS = Date.parse('2026-03-01T12:00:00Z');
const FILE_MS = Date.parse('2026-11-24T02:07:59.305Z');

describe('capture text', () => {
  it('marks an estimated start, a start the user set, and none', () => {
    const estimated = captureStart(null, MODIFIED_MS);
    expect(captureStartText(estimated)).toEqual({ text: formatLocalDateTime(MODIFIED_MS), mark: 'estimated' });
    expect(canSetStart(estimated)).toBe(true);
    const fromFile = captureStart(FILE_MS, MODIFIED_MS);
    expect(captureStartText(fromFile)).toEqual({ text: formatLocalDateTime(FILE_MS), mark: null });
    expect(canSetStart(fromFile)).toBe(false);
    expect(captureStartText({ capturedAtMs: MODIFIED_MS, timeSource: 'user' }).mark).toBe('set by you');
    expect(captureStartText(captureStart(null, null))).toEqual({ text: '—', mark: null });
  });

  it('lists labels as key=value lines under the service, as tidied by captureTags', () => {
    const tags = captureTags(' api-server ', { build_id: 'abc123', pid: '42', empty: '' });
    expect(labelsText(tags.labels)).toBe('build_id=abc123\npid=42');
    expect(serviceTitle(tags)).toBe('api-server\nbuild_id=abc123\npid=42');
    expect(serviceTitle(captureTags(null))).toBe('no service named');
  });

  it('sorts one service’s captures together in time order, those without a service last', () => {
    const items = [
      { id: 1, service: null, capturedAtMs: 1 },
      { id: 2, service: 'web', capturedAtMs: 30 },
      { id: 3, service: 'api', capturedAtMs: 20 },
      { id: 4, service: 'web', capturedAtMs: 10 },
      { id: 5, service: 'api', capturedAtMs: null },
    ];
    expect([...items].sort(compareByService).map((i) => i.id)).toEqual([3, 5, 4, 2, 1]);
  });

  it('round-trips a datetime-local value to the second and refuses impossible dates', () => {
    const ms = Date.parse('2026-03-01T12:34:56Z');
    expect(parseDateTimeLocal(dateTimeLocalValue(ms))).toBe(ms);
    expect(parseDateTimeLocal(dateTimeLocalValue(ms).slice(0, 16))).toBe(ms - 56_000);
    expect(parseDateTimeLocal('2026-02-30T10:00')).toBeNull();
    expect(parseDateTimeLocal('')).toBeNull();
  });
});
