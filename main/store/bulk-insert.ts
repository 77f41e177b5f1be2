/**
 * Inserts many rows with multi-row `INSERT … VALUES (…), (…), …` statements:
 * one statement execution (and one crossing into the native addon) per batch
 * of rows instead of per row, which is most of the cost of a row-by-row insert.
 */
import type Database from 'better-sqlite3';
import { batchCheckpoint } from './batch-checkpoint';

type SqlValue = number | string | bigint | Buffer | null;

/**
 * Bound parameters per statement. SQLite allows 32766 since 3.32; past a few
 * hundred rows a bigger batch gains nothing and costs a bigger prepared statement.
 */
const PARAMETERS_PER_STATEMENT = 2000;

export class BulkInsert {
  private readonly width: number;
  private readonly rowsPerBatch: number;
  private readonly batch: Database.Statement;
  private readonly pending: SqlValue[] = [];

  /**
   * `head` is the statement up to VALUES, e.g. `INSERT INTO t (a, b)`; `width` the values per row; `tail` what
   * follows the rows, e.g. an upsert clause.
   */
  constructor(
    private readonly db: Database.Database,
    private readonly head: string,
    width: number,
    private readonly tail = '',
  ) {
    this.width = width;
    this.rowsPerBatch = Math.max(1, Math.floor(PARAMETERS_PER_STATEMENT / width));
    this.batch = db.prepare(this.sql(this.rowsPerBatch));
  }

  /** Queues one row (exactly `width` values); runs a statement each time a batch is full. */
  row(...values: SqlValue[]): void {
    if (values.length !== this.width)
      throw new Error(`${this.head}: a row of ${values.length} values, not ${this.width}`);
    for (const value of values) this.pending.push(value);
    if (this.pending.length >= this.rowsPerBatch * this.width) {
      batchCheckpoint(this.db);
      this.batch.run(this.pending);
      this.pending.length = 0;
    }
  }

  /** Writes the rows still queued. Call once after the last `row`. */
  flush(): void {
    if (this.pending.length === 0) return;
    if (this.pending.length % this.width !== 0) {
      throw new Error(`${this.head}: ${this.pending.length} values queued, not a multiple of ${this.width}`);
    }
    batchCheckpoint(this.db);
    this.db.prepare(this.sql(this.pending.length / this.width)).run(this.pending);
    this.pending.length = 0;
  }

  private sql(rows: number): string {
    const tuple = `(${new Array<string>(this.width).fill('?').join(', ')})`;
    return `${this.head} VALUES ${new Array<string>(rows).fill(tuple).join(', ')} ${this.tail}`;
  }
}
