/**
 * The local SQLite store (better-sqlite3). One transaction per import: a
 * profile is either fully written or not at all. The same bytes twice are one
 * profile (content_hash UNIQUE).
 */
import Database from 'better-sqlite3';
import type { ProfileSummary } from '../../shared/ipc/contract';
import type { Profile, ProfileFormat, ProfileKind, ValueType } from '../../shared/profile/model';
import { displayLine, type WeightedStacks } from '../../shared/query/weighted-stacks';
import { migrate } from './migrations';
import { writeProfile } from './write-profile';

export interface ProfileOrigin {
  /** File name shown in the catalogue (no directories). */
  name: string;
  /** Where the bytes came from: a path, an upload, later an S3 key or URL. */
  source: string;
  contentHash: string;
  byteSize: number;
  service?: string | null;
}

export interface StoredProfile {
  id: number;
  duplicate: boolean;
}

interface ProfileRow {
  id: number;
  name: string;
  format: string;
  kind: string;
  service: string | null;
  captured_at_ms: number | null;
  duration_ns: number | null;
  default_sample_type: number;
  imported_at_ms: number;
  content_hash: string;
}

interface SampleTypeRow {
  profile: number;
  position: number;
  sample_type: number;
  type: string;
  unit: string;
  total: number;
}

export class ProfileStore {
  readonly db: Database.Database;

  /**
   * @param nativeBinding better-sqlite3's addon built for this runtime's ABI.
   *   Electron needs its own build (scripts/electron-sqlite.mjs) while the CLI
   *   and tests use the Node build in node_modules.
   */
  constructor(path: string, nativeBinding?: string) {
    this.db = new Database(path, nativeBinding ? { nativeBinding } : {});
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
  }

  close(): void {
    this.db.close();
  }

  findByHash(contentHash: string): number | null {
    const row = this.db.prepare('SELECT id FROM profiles WHERE content_hash = ?').get(contentHash) as
      { id: number } | undefined;
    return row?.id ?? null;
  }

  /** Writes a parsed profile in one transaction; returns the existing id when the bytes are already stored. */
  addProfile(profile: Profile, origin: ProfileOrigin): StoredProfile {
    const existing = this.findByHash(origin.contentHash);
    if (existing !== null) return { id: existing, duplicate: true };
    const id = this.db.transaction(() => writeProfile(this.db, profile, origin))();
    return { id, duplicate: false };
  }

  listProfiles(): ProfileSummary[] {
    const rows = this.db
      .prepare(
        `SELECT id, name, format, kind, service, captured_at_ms, duration_ns, default_sample_type,
                imported_at_ms, content_hash
         FROM profiles ORDER BY imported_at_ms DESC, id DESC`,
      )
      .all() as ProfileRow[];
    const types = this.sampleTypesByProfile();
    return rows.map((row) => toSummary(row, types.get(row.id) ?? []));
  }

  getProfile(id: number): ProfileSummary | null {
    const row = this.db
      .prepare(
        `SELECT id, name, format, kind, service, captured_at_ms, duration_ns, default_sample_type,
                imported_at_ms, content_hash
         FROM profiles WHERE id = ?`,
      )
      .get(id) as ProfileRow | undefined;
    if (!row) return null;
    return toSummary(row, this.sampleTypesByProfile(id).get(id) ?? []);
  }

  /** The store id of a profile's sample type at `position`, or null when out of range. */
  sampleTypeId(profileId: number, position: number): number | null {
    const row = this.db
      .prepare('SELECT sample_type FROM profile_sample_types WHERE profile = ? AND position = ?')
      .get(profileId, position) as { sample_type: number } | undefined;
    return row?.sample_type ?? null;
  }

  /**
   * The merged stacks of any set of profiles for one sample type:
   * `SUM(value) GROUP BY stack`, with each stack's frames mapped to functions.
   * Merging, comparison and single-profile views all start here.
   */
  mergedStacks(profileIds: readonly number[], sampleTypeId: number): WeightedStacks {
    const rows = this.db
      .prepare(
        `SELECT s.frames, v.total FROM (
           SELECT stack, SUM(value) AS total FROM stack_values
           WHERE profile IN (SELECT value FROM json_each(?)) AND sample_type = ?
           GROUP BY stack
         ) AS v JOIN stacks s ON s.id = v.stack
         ORDER BY v.stack`,
      )
      .raw();

    // All stacks' frame ids in one growing array; rewritten in place to function indices below.
    const offsets: number[] = [0];
    const values: number[] = [];
    let ids = new Int32Array(1 << 16);
    let length = 0;
    for (const [blob, total] of rows.iterate(JSON.stringify(profileIds), sampleTypeId) as Iterable<[Buffer, number]>) {
      const count = blob.byteLength >> 2;
      if (length + count > ids.length) {
        const grown = new Int32Array(Math.max(length + count, ids.length * 2));
        grown.set(ids.subarray(0, length));
        ids = grown;
      }
      if (blob.byteOffset % 4 === 0) ids.set(new Int32Array(blob.buffer, blob.byteOffset, count), length);
      else for (let i = 0; i < count; i++) ids[length + i] = blob.readInt32LE(i * 4);
      length += count;
      offsets.push(length);
      values.push(total);
    }
    const funcs = ids.subarray(0, length);

    // Frame ids are dense row ids, so a typed array indexed by id maps them to
    // dense function indices, resolved with one query.
    const maxFrameId = (this.db.prepare('SELECT MAX(id) FROM frames').pluck().get() as number | null) ?? 0;
    const frameToFunc = new Int32Array(maxFrameId + 1).fill(-1);
    const usedFrames: number[] = [];
    for (const frame of funcs) {
      if (frameToFunc[frame] === -1) {
        frameToFunc[frame] = -2;
        usedFrames.push(frame);
      }
    }
    const functionRows = this.db
      .prepare(
        `SELECT fr.id, fn.id, fn.name, fn.file, fn.start_line, fr.line FROM frames fr JOIN functions fn ON fn.id = fr.function
         WHERE fr.id IN (SELECT value FROM json_each(?))`,
      )
      .raw()
      .all(JSON.stringify(usedFrames)) as [number, number, string, string, number, number][];
    const funcIndex = new Map<number, number>();
    const names: string[] = [];
    const files: string[] = [];
    const lines: number[] = [];
    for (const [frameId, functionId, name, file, startLine, frameLine] of functionRows) {
      let index = funcIndex.get(functionId);
      if (index === undefined) {
        index = names.length;
        funcIndex.set(functionId, index);
        names.push(name);
        files.push(file);
        lines.push(startLine);
      }
      lines[index] = displayLine(lines[index] as number, startLine, frameLine);
      frameToFunc[frameId] = index;
    }
    for (let i = 0; i < funcs.length; i++) funcs[i] = frameToFunc[funcs[i] as number] as number;

    return {
      offsets: Int32Array.from(offsets),
      funcs,
      value: Float64Array.from(values),
      functionNames: names,
      functionFiles: files,
      functionLines: lines,
    };
  }

  private sampleTypesByProfile(only?: number): Map<number, SampleTypeRow[]> {
    const rows = this.db
      .prepare(
        `SELECT pst.profile, pst.position, pst.sample_type, st.type, st.unit, pst.total
         FROM profile_sample_types pst JOIN sample_types st ON st.id = pst.sample_type
         ${only === undefined ? '' : 'WHERE pst.profile = ?'}
         ORDER BY pst.profile, pst.position`,
      )
      .all(...(only === undefined ? [] : [only])) as SampleTypeRow[];
    const byProfile = new Map<number, SampleTypeRow[]>();
    for (const row of rows) {
      const list = byProfile.get(row.profile) ?? [];
      list.push(row);
      byProfile.set(row.profile, list);
    }
    return byProfile;
  }
}

function toSummary(row: ProfileRow, types: SampleTypeRow[]): ProfileSummary {
  const sampleTypes: ValueType[] = types.map((t) => ({ type: t.type, unit: t.unit }));
  return {
    id: row.id,
    name: row.name,
    format: row.format as ProfileFormat,
    kind: row.kind as ProfileKind,
    service: row.service,
    capturedAtMs: row.captured_at_ms,
    durationNs: row.duration_ns,
    sampleTypes,
    totals: types.map((t) => t.total),
    defaultSampleType: row.default_sample_type,
    importedAtMs: row.imported_at_ms,
    contentHash: row.content_hash,
  };
}
