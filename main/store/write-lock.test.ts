/**
 * Waiting for the write lock (write-lock.ts) with a real SQLite file and two connections: one holds the lock
 * with BEGIN IMMEDIATE, the other's write waits past SQLite's busy timeout, tells its wait hook, stops at its
 * checkpoint when cancelled, and completes once the lock is released.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseProfileBytes } from '../ingest/parse-bytes';
import { withCheckpoint } from './batch-checkpoint';
import { ProfileStore } from './profile-store';
import { isBusy, setLockWaitHook, untilNotBusy, writeTransaction } from './write-lock';

describe('waiting for the write lock', () => {
  let dir: string;
  let path: string;
  let holder: Database.Database;
  let waiter: Database.Database;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-write-lock-'));
    path = join(dir, 'store.db');
    holder = new Database(path);
    holder.pragma('journal_mode = WAL');
    holder.exec('CREATE TABLE t (x INTEGER)');
    waiter = new Database(path);
    waiter.pragma('busy_timeout = 5000');
  });
  afterEach(() => {
    holder.close();
    waiter.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('waits while another connection writes, then writes; the hook hears the wait start and end', () => {
    holder.exec('BEGIN IMMEDIATE');
    holder.exec('INSERT INTO t VALUES (1)');
    const heard: boolean[] = [];
    setLockWaitHook(waiter, (waiting) => heard.push(waiting));
    let tries = 0;
    const started = Date.now();
    const result = withCheckpoint(
      waiter,
      () => {
        // Between tries: release the lock on the third, after about three poll intervals of waiting.
        tries++;
        if (tries === 3) holder.exec('COMMIT');
      },
      () => writeTransaction(waiter, () => waiter.prepare('INSERT INTO t VALUES (2)').run().changes),
    );
    expect(result).toBe(1);
    expect(tries).toBe(3);
    expect(heard).toEqual([true, false]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(waiter.prepare('SELECT x FROM t ORDER BY x').pluck().all()).toEqual([1, 2]);
    // The connection's own busy timeout is back.
    expect(waiter.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('has no cap: keeps waiting past the busy timeout a plain write would fail at', () => {
    holder.exec('BEGIN IMMEDIATE');
    waiter.pragma('busy_timeout = 50');
    let plain: unknown = null;
    try {
      waiter.exec('BEGIN IMMEDIATE');
    } catch (error) {
      plain = error;
    }
    expect(isBusy(plain)).toBe(true);
    let tries = 0;
    const started = Date.now();
    withCheckpoint(
      waiter,
      () => {
        if (++tries === 12) holder.exec('ROLLBACK');
      },
      () => untilNotBusy(waiter, () => waiter.exec('INSERT INTO t VALUES (3)'), 50),
    );
    expect(tries).toBe(12);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(holder.prepare('SELECT x FROM t').pluck().all()).toEqual([3]);
  });

  it('stops at the checkpoint when cancelled, leaving nothing written and no transaction open', () => {
    holder.exec('BEGIN IMMEDIATE');
    let tries = 0;
    const cancel = (): void => {
      if (++tries === 2) throw new Error('cancelled');
    };
    expect(() =>
      withCheckpoint(waiter, cancel, () => writeTransaction(waiter, () => waiter.exec('INSERT INTO t VALUES (4)'))),
    ).toThrow('cancelled');
    expect(waiter.inTransaction).toBe(false);
    holder.exec('ROLLBACK');
    expect(waiter.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
  });

  it('lets ProfileStore.addFile wait for another writer instead of failing with "database is locked"', () => {
    holder.close();
    waiter.close();
    rmSync(path, { force: true });
    const store = new ProfileStore(path);
    const other = new Database(path);
    try {
      other.exec('BEGIN IMMEDIATE');
      const profile = parseProfileBytes(new TextEncoder().encode('main;work 5\nmain;idle 2\n'), 'stacks.txt');
      let tries = 0;
      const stored = store.addFile(
        { name: 'stacks.txt', source: '/tmp/stacks.txt', contentHash: 'h1', byteSize: 24, format: profile.format },
        [{ type: 'profile', name: null, profile }],
        () => {
          if (++tries === 3) other.exec('ROLLBACK');
        },
      );
      expect(stored.duplicate).toBe(false);
      expect(tries).toBeGreaterThanOrEqual(3);
      expect(store.listItems().map((item) => [item.name, item.totals])).toEqual([['stacks.txt', [7]]]);
    } finally {
      other.close();
      store.close();
    }
  });
});
