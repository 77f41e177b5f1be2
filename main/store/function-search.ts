/**
 * Catalogue-wide function search: which functions match what the user typed,
 * and in which items (and how heavily) they appear.
 *
 * A function matches when
 *  - FTS5 over `function_search` (unicode61: case and diacritics folded, split
 *    on punctuation) finds every typed word as the start of a word of its name,
 *    each term a phrase (`runtime.malloc` → "runtime" then "malloc…"); or
 *  - its name contains the whole typed text (trimmed) as a substring, SQLite
 *    `lower()` on both sides (ASCII case folded). This finds what word
 *    prefixes cannot: the middle of a word (`Ticks` in
 *    `processTicksAndRejections`, `語` in `日本語関数`) and all-punctuation text.
 * Both are sets of function ids (the FTS index, and one pass over the
 * `functions` table, which holds names only once each); the items that contain
 * them come from `item_functions` (written with each item:
 * item-function-totals.ts) by primary key. A search only reads.
 *
 * Hits are ordered by their largest total share (|total / item total|) in any
 * item, then largest self share, then name. A function that no item's default
 * sample type gives a value to is not a hit: there is nothing to open.
 */
import type Database from 'better-sqlite3';
import {
  FUNCTION_SEARCH_MAX_PROFILES,
  type FunctionSearchHit,
  type FunctionSearchItem,
} from '../../shared/ipc/contract';
import { ftsPrefixQuery } from './fts-query';

/** Per (function, item): the item's default sample type, and the function's shares of it. */
const SHARES = `
  SELECT pf.function, pf.item, pf.self, pf.total, pst.total AS profile_total,
         pst.position, st.type, st.unit,
         CASE WHEN pst.total = 0 THEN 0 ELSE abs(pf.total / pst.total) END AS total_share,
         CASE WHEN pst.total = 0 THEN 0 ELSE abs(pf.self / pst.total) END AS self_share
  FROM item_functions pf
  JOIN items p ON p.id = pf.item
  JOIN item_sample_types pst ON pst.item = p.id AND pst.position = p.default_sample_type
  JOIN sample_types st ON st.id = pst.sample_type`;

function rankingSql(withFts: boolean): string {
  const candidates = withFts
    ? `SELECT rowid AS id FROM function_search WHERE function_search MATCH :fts
       UNION SELECT id FROM functions WHERE instr(lower(name), lower(:needle)) > 0`
    : `SELECT id FROM functions WHERE instr(lower(name), lower(:needle)) > 0`;
  return `
    WITH candidates (id) AS (${candidates}),
    shares AS (${SHARES} WHERE pf.function IN (SELECT id FROM candidates))
    SELECT s.function, MAX(s.total_share) AS best_total, MAX(s.self_share) AS best_self, fn.name
    FROM shares s JOIN functions fn ON fn.id = s.function
    GROUP BY s.function
    ORDER BY best_total DESC, best_self DESC, fn.name, s.function
    LIMIT :limit`;
}

const DETAILS_SQL = `
  SELECT s.function, fn.name AS function_name, fn.file, s.item, p.name AS profile_name,
         s.self, s.total, s.profile_total, s.position, s.type, s.unit
  FROM (${SHARES} WHERE pf.function IN (SELECT value FROM json_each(:ids))) s
  JOIN functions fn ON fn.id = s.function
  JOIN items p ON p.id = s.item
  ORDER BY s.function, s.total_share DESC, s.self_share DESC, s.item`;

interface DetailRow {
  function: number;
  function_name: string;
  file: string;
  item: number;
  profile_name: string;
  self: number;
  total: number;
  profile_total: number;
  position: number;
  type: string;
  unit: string;
}

/** Up to `limit` functions matching `text` (see the file comment); [] for blank text. */
export function searchFunctions(db: Database.Database, text: string, limit: number): FunctionSearchHit[] {
  const needle = text.trim();
  if (needle === '' || limit < 1) return [];

  const fts = ftsPrefixQuery(needle);
  const ranked = db
    .prepare(rankingSql(fts !== null))
    .pluck()
    .all({ needle, limit, ...(fts === null ? {} : { fts }) }) as number[];
  if (ranked.length === 0) return [];

  const details = db.prepare(DETAILS_SQL).all({ ids: JSON.stringify(ranked) }) as DetailRow[];
  const hits = new Map<number, FunctionSearchHit>();
  for (const row of details) {
    let hit = hits.get(row.function);
    if (hit === undefined) {
      hit = { functionId: row.function, function: row.function_name, file: row.file, profiles: [], profileCount: 0 };
      hits.set(row.function, hit);
    }
    hit.profileCount++;
    if (hit.profiles.length < FUNCTION_SEARCH_MAX_PROFILES) hit.profiles.push(profileOf(row));
  }
  return ranked.map((id) => hits.get(id)).filter((hit): hit is FunctionSearchHit => hit !== undefined);
}

function profileOf(row: DetailRow): FunctionSearchItem {
  return {
    itemId: row.item,
    name: row.profile_name,
    self: row.self,
    total: row.total,
    profileTotal: row.profile_total,
    sampleTypeIndex: row.position,
    sampleType: { type: row.type, unit: row.unit },
  };
}
