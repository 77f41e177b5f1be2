/**
 * Counts above 2^53 − 1 are refused, not stored rounded: a pprof sample value (int64) whole-buffer and streamed, a
 * collapsed line's count, and a total that many values sum past it. 2^53 − 1 itself is stored exactly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImporter, type Importer } from '../main/ingest/import-files';
import { inlineRunner } from '../main/ingest/ingest-runner';
import { PPROF_HEAD_BYTES } from '../main/ingest/pprof-head';
import { ProfileStore } from '../main/store/profile-store';
import { encodePprof } from './fixtures/synthetic-pprof';

const LIMIT = 'is above 2^53 − 1 (9007199254740991), the largest count Kiln stores exactly';
const TWO_53_PLUS_1 = 2n ** 53n + 1n;

/** A pprof of `count` samples on main;work, the last one of value `last`, the others of value 1. */
function pprof(count: number, last: bigint | number): Uint8Array {
  return encodePprof({
    sampleTypes: [['samples', 'count']],
    functions: ['main', 'work'],
    locations: [{ lines: [1] }, { lines: [2] }],
    samples: Array.from({ length: count }, (_, i) => ({ locations: [2, 1], values: [i === count - 1 ? last : 1] })),
  });
}

describe('counts beyond 2^53 − 1', () => {
  let dir: string;
  let store: ProfileStore;
  let importer: Importer;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-exact-counts-'));
    store = new ProfileStore(join(dir, 'kiln.db'));
    importer = createImporter(store, inlineRunner(store));
  });
  afterAll(() => {
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The report's error messages and the number of items the store holds afterwards. */
  async function refusal(name: string, bytes: Uint8Array): Promise<string[]> {
    const before = store.db.prepare('SELECT COUNT(*) FROM items').pluck().get();
    const report = await importer.importInputs([{ name, source: `upload:${name}`, bytes }]);
    expect(report.imported).toEqual([]);
    expect(store.db.prepare('SELECT COUNT(*) FROM items').pluck().get()).toBe(before);
    return report.errors.map((e) => e.message);
  }

  it('refuses a pprof sample value of 2^53 + 1, read whole', async () => {
    const bytes = pprof(3, TWO_53_PLUS_1);
    expect(bytes.length).toBeLessThan(PPROF_HEAD_BYTES);
    // The double the value was read as is named ("about"): 2^53 + 1 has none of its own.
    const [message] = await refusal('big-value.pb', bytes);
    expect(message).toMatch(/^big-value\.pb: a sample value of about 900719925474099\d /);
    expect(message?.endsWith(LIMIT)).toBe(true);
  });

  it('refuses a pprof sample value of 2^63 − 1 (the largest int64), streamed', async () => {
    const bytes = pprof(200_000, 2n ** 63n - 1n);
    expect(bytes.length).toBeGreaterThan(PPROF_HEAD_BYTES); // so it is streamed into the store (pprof-head.ts)
    const [message] = await refusal('streamed.pb', bytes);
    expect(message).toBe(`streamed.pb: a sample value of about 9223372036854775808 ${LIMIT}`);
  });

  it('refuses a pprof whose total crosses 2^53 − 1, read whole and streamed', async () => {
    // 2^52 + 1 twice is 2^53 + 2: each value is exact, their sum is not a count Kiln stores exactly.
    const half = 2 ** 52 + 1;
    const small = encodePprof({
      sampleTypes: [['samples', 'count']],
      functions: ['main', 'work'],
      locations: [{ lines: [1] }, { lines: [2] }],
      samples: [
        { locations: [2, 1], values: [half] },
        { locations: [1], values: [half] },
      ],
    });
    expect(await refusal('sum.pb', small)).toEqual([
      `sum.pb: the total of sample type samples of about 9007199254740994 ${LIMIT}`,
    ]);
    const large = pprof(200_000, 2 ** 53 - 100);
    expect(large.length).toBeGreaterThan(PPROF_HEAD_BYTES);
    // 199,999 samples of 1 and one of 2^53 − 100: the running total crosses at the last one.
    const [message] = await refusal('sum-streamed.pb', large);
    expect(message).toMatch(/^sum-streamed\.pb: the total of sample type samples of about 90071992549408\d\d /);
    expect(message?.endsWith(LIMIT)).toBe(true);
  });

  it('refuses a collapsed line whose count is 9007199254740993, quoting it as written', async () => {
    const bytes = new TextEncoder().encode('main;work 3\nmain;idle 9007199254740993\n');
    expect(await refusal('stacks.txt', bytes)).toEqual([`stacks.txt: line 2: sample count 9007199254740993 ${LIMIT}`]);
  });

  it('stores 2^53 − 1 exactly, read whole and streamed', async () => {
    for (const [name, count] of [
      ['max.pb', 1],
      ['max-streamed.pb', 200_000],
    ] as const) {
      // The other samples are 1 each: the last makes the total exactly 2^53 − 1.
      const bytes = pprof(count, 2 ** 53 - count);
      const report = await importer.importInputs([{ name, source: `upload:${name}`, bytes }]);
      expect(report.errors).toEqual([]);
      const id = report.imported[0]?.id as number;
      expect(store.getProfile(id)?.totals).toEqual([Number.MAX_SAFE_INTEGER]);
      const total = store.db.prepare('SELECT total FROM item_sample_types WHERE item = ?').pluck().get(id);
      expect(total).toBe(9007199254740991);
      // Every sample is on main;work: its one stack_values row is the whole total.
      const values = store.db.prepare('SELECT value FROM stack_values WHERE item = ?').pluck().all(id);
      expect(values).toEqual([9007199254740991]);
    }
    const text = await importer.importInputs([
      { name: 'max.txt', source: 'upload:max.txt', bytes: new TextEncoder().encode('main;work 9007199254740991\n') },
    ]);
    expect(text.errors).toEqual([]);
    expect(store.getProfile(text.imported[0]?.id as number)?.totals).toEqual([9007199254740991]);
  });
});
