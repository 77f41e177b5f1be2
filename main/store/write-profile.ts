/**
 * Writes one parsed profile into the store as a catalogue item of a file:
 * its catalogue row, then its samples through the one sample writer
 * (sample-writer.ts), fed as a compressed trie of the profile's stack table
 * (shared/profile/profile-to-sink.ts). Runs inside the caller's transaction:
 * an exception anywhere leaves the database as it was.
 */
import type Database from 'better-sqlite3';
import type { Profile } from '../../shared/profile/model';
import { feedProfile, sinkTablesOf } from '../../shared/profile/profile-to-sink';
import { raiseImportCache } from './import-cache';
import { SampleWriter, type SampleWriterOptions } from './sample-writer';
import { insertItemRow, type ItemPlace } from './write-item';

export function writeProfile(
  db: Database.Database,
  profile: Profile,
  place: ItemPlace,
  options: SampleWriterOptions = {},
): number {
  const restoreCache = raiseImportCache(db);
  try {
    const profileId = insertItemRow(db, place, {
      format: profile.format,
      kind: profile.kind,
      capturedAtMs: profile.startTimeMs,
      durationNs: profile.durationNs,
      tags: profile.capture,
      period: profile.period,
      periodType: profile.periodType,
      defaultSampleType: profile.defaultSampleType,
      comments: profile.comments,
    });
    const writer = new SampleWriter(db, profileId, sinkTablesOf(profile), options);
    feedProfile(profile, writer);
    return writer.finish();
  } finally {
    restoreCache();
  }
}
