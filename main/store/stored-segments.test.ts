/**
 * storedSegments over a bare `stacks` table: the stacks with a value and every ancestor, in id order, whether the
 * ids are close together (kept in arrays over their range) or far apart (kept in a map), and however many levels
 * of parents have to be read after the stacks asked for.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { storedSegments } from './stored-segments';

let db: Database.Database;

afterEach(() => db.close());

/** A store's `stacks` table holding `stacks` (frames as little-endian uint16s), and `v(stack, total)` rows. */
function storeOf(stacks: { id: number; parent: number; frames: number[] }[], values: [number, number][]): void {
  db = new Database(':memory:');
  db.exec(`CREATE TABLE stacks (id INTEGER PRIMARY KEY, frames BLOB NOT NULL, depth INTEGER NOT NULL,
    parent INTEGER NOT NULL DEFAULT 0); CREATE TABLE v (stack INTEGER, total REAL)`);
  const insert = db.prepare('INSERT INTO stacks (id, frames, depth, parent) VALUES (?, ?, ?, ?)');
  for (const { id, parent, frames } of stacks) {
    const blob = Buffer.alloc(2 * frames.length);
    frames.forEach((frame, j) => blob.writeUInt16LE(frame, 2 * j));
    insert.run(id, blob, frames.length, parent);
  }
  const value = db.prepare('INSERT INTO v VALUES (?, ?)');
  for (const [stack, total] of values) value.run(stack, total);
}

/** "id<parent id:frames=value" per node, in order. */
function described(read: ReturnType<typeof storedSegments>): string[] {
  const { segments, stackIds, value, present } = read;
  return Array.from(stackIds, (id, n) => {
    const p = segments.parent[n] as number;
    const frames = Array.from(segments.frames.subarray(segments.offsets[n], segments.offsets[n + 1])).join(',');
    return `${id}<${p < 0 ? 0 : stackIds[p]}:${frames}=${present[n] === 1 ? value[n] : '-'}`;
  });
}

/** A chain of `levels` stacks from `first` on, step `step` apart, each hanging from the one before. */
function chain(first: number, step: number, levels: number): { id: number; parent: number; frames: number[] }[] {
  return Array.from({ length: levels }, (_, k) => ({
    id: first + k * step,
    parent: k === 0 ? 0 : first + (k - 1) * step,
    frames: [10 + k, 20 + k],
  }));
}

describe('storedSegments', () => {
  it('reads the ancestors of close ids level by level and sums the values of a stack met twice', () => {
    storeOf(
      [...chain(100, 1, 5), { id: 200, parent: 0, frames: [7] }],
      [
        [104, 3],
        [104, 4],
        [200, 1],
      ],
    );
    expect(described(storedSegments(db, 'SELECT stack, total FROM v', []))).toEqual([
      '100<0:10,20=-',
      '101<100:11,21=-',
      '102<101:12,22=-',
      '103<102:13,23=-',
      '104<103:14,24=7',
      '200<0:7=1',
    ]);
  });

  it('reads ids millions apart the same way', () => {
    storeOf(
      [...chain(5, 1_000_000, 4), { id: 9_000_000, parent: 5, frames: [3] }],
      [
        [3_000_005, 2],
        [9_000_000, 5],
        [1_000_005, 1],
      ],
    );
    expect(described(storedSegments(db, 'SELECT stack, total FROM v', []))).toEqual([
      '5<0:10,20=-',
      '1000005<5:11,21=1',
      '2000005<1000005:12,22=-',
      '3000005<2000005:13,23=2',
      '9000000<5:3=5',
    ]);
  });

  it('leaves out stacks that are not stored and keeps a stack whose totals are all null without a value', () => {
    storeOf(chain(1, 1, 2), [
      [2, 6],
      [77, 1],
    ]);
    db.exec('INSERT INTO v VALUES (1, NULL)');
    expect(described(storedSegments(db, 'SELECT stack, total FROM v', []))).toEqual(['1<0:10,20=-', '2<1:11,21=6']);
  });

  it('reads ids that fill their range by range, and leaves out the stacks read that nothing asked for hangs from', () => {
    // 27,000 stacks 1000–26999 (odd ids hang from the id before, even ones from stack 1, below the range); every id
    // but those ending in 4 or 5 has a value: 21,600 ids asked, enough to be read by range. Ids ending in 4 are read
    // by it but are neither asked nor an ancestor, ids ending in 5 are neither.
    const ids = Array.from({ length: 27_000 }, (_, k) => 1000 + k);
    const parentOf = (id: number): number => (id % 2 === 1 ? id - 1 : 1);
    const asked = ids.filter((id) => id % 10 !== 4 && id % 10 !== 5);
    const total = (id: number): number => (id % 3 === 0 ? 2.5 : id);
    storeOf(
      [{ id: 1, parent: 0, frames: [9] }, ...ids.map((id) => ({ id, parent: parentOf(id), frames: [id % 1000, 7] }))],
      asked.map((id) => [id, total(id)]),
    );
    expect(described(storedSegments(db, 'SELECT stack, total FROM v', []))).toEqual([
      '1<0:9=-',
      ...asked.map((id) => `${id}<${parentOf(id)}:${id % 1000},7=${total(id)}`),
    ]);
  });
});
