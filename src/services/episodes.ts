// The placement history: SSDA903 episodes imported from the case system's returns, joined with the
// moves the bot records when a social worker confirms one.
//
// Case references: the SSDA903 CHILD id is taken to BE the bot's case reference (ChildDoc.caseRef).
// Councils export the return from the same case system whose reference the bot's children list
// carries, so an imported history joins a child record exactly when the ids match. A council whose
// return uses a different id would need a mapping table here; none is assumed.
//
// Placement moves (`placement_moves`, `_id` = caseRef|date) come from two places:
// - 'bot': written when a move is confirmed (services/moveEffects.ts);
// - 'import': derived here from the episodes, one per move as DOMAIN "Counting moves" rule 3 defines it.
// Both use the same key, so an imported move on the day of a bot move is the same record: the bot's
// record is kept (with its requestRef) and marked `reconciledBy: 'import'`, and it is counted once.
import { episodesByChild, formatProblem, mergeEpisodeSets, parseEpisodesCsv, type Episode } from '../domain/ssda903/episodes';
import { movesOf } from '../domain/ssda903/spells';
import { DuplicateKeyError, type Collection, type StoredDoc } from '../store/collection';
import type { EpisodeDoc, PlacementMoveDoc } from '../store/records';
import { writeAudit } from './audit';
import type { ServiceContext } from './context';
import { ConflictError } from './errors';

export interface EpisodeFile {
  /** The name rows are reported and stored under, e.g. '2021-episodes.csv'. */
  name: string;
  text: string;
}

export interface EpisodeImportReport {
  /** Rows read from the files, before duplicates across files were merged. */
  rowsRead: number;
  /** Episodes after merging, each compared with the stored one. */
  created: number;
  updated: number;
  unchanged: number;
  /** Every row left out, as `file:line: reason`. */
  problems: string[];
  moves: {
    /** Imported moves added to `placement_moves`. */
    added: number;
    /** Imported moves that a corrected return no longer contains, removed. */
    removed: number;
    /** Bot-recorded moves that the import contains, now marked reconciled. */
    reconciled: number;
  };
}

export const episodeId = (episode: Pick<Episode, 'child' | 'decom'>): string => `${episode.child}|${episode.decom}`;

/**
 * Imports returns, given in order (the file given last wins for the same child and DECOM, and the
 * import wins over what was stored before). Episodes the files do not contain stay as they are:
 * each return covers one year, so a missing row says nothing. Unreadable rows are reported, never
 * fatal. Importing the same files again changes nothing.
 */
export async function importEpisodeFiles(ctx: ServiceContext, files: EpisodeFile[], actor = 'cli'): Promise<EpisodeImportReport> {
  const { episodes: incoming, rowsRead, problems } = readEpisodeFiles(files);
  const children = [...new Set(incoming.map((e) => e.child))];

  const stored = new Map((await storedEpisodesOf(ctx, children)).map((doc) => [doc._id, doc]));
  const report: EpisodeImportReport = {
    rowsRead,
    created: 0,
    updated: 0,
    unchanged: 0,
    problems,
    moves: { added: 0, removed: 0, reconciled: 0 },
  };

  const importedAt = ctx.now().toISOString();
  // An episode stored exactly as the return has it needs no write (saveEpisode would say the same);
  // sorting those out first spares a re-import 100,000 round trips through the write queue.
  const toCreate: Episode[] = [];
  const toUpdate: Array<{ episode: Episode; existing: EpisodeDoc }> = [];
  for (const episode of incoming) {
    const existing = stored.get(episodeId(episode));
    if (existing === undefined) toCreate.push(episode);
    else if (sameEpisode(existing, episode)) report.unchanged++;
    else toUpdate.push({ episode, existing });
  }
  report.created += await insertInBulk(
    ctx.records.episodes,
    toCreate.map((episode) => ({ _id: episodeId(episode), version: 1, ...episode, importedAt })),
    // Another import stored some of these first: each one becomes a single-document change.
    async (doc, current) => {
      const episode = toEpisode(doc);
      if (current !== null && current.importedAt === importedAt && sameEpisode(current, episode)) return true; // ours, from the batch
      const outcome = await saveEpisode(ctx, current, episode, importedAt);
      if (outcome !== 'created') report[outcome]++;
      return outcome === 'created';
    },
  );
  await inBatches(toUpdate, async ({ episode, existing }) => {
    report[await saveEpisode(ctx, existing, episode, importedAt)]++;
  });

  // Moves are derived from each child's whole history (stored, overlaid with this import), not just
  // these files: a spell can begin in one year's return and the move that ends it sit in the next.
  const history = new Map([...stored].map(([id, doc]) => [id, toEpisode(doc)]));
  for (const episode of incoming) history.set(episodeId(episode), episode);
  report.moves = await syncImportedMoves(ctx, children, episodesByChild([...history.values()]));

  await writeAudit(ctx, {
    actor,
    action: 'episodes.imported',
    subject: 'episodes',
    details: {
      files: files.length,
      rowsRead: report.rowsRead,
      unreadable: report.problems.length,
      created: report.created,
      updated: report.updated,
      unchanged: report.unchanged,
      movesAdded: report.moves.added,
      movesRemoved: report.moves.removed,
      movesReconciled: report.moves.reconciled,
    },
  });
  return report;
}

/**
 * Reads returns without storing them: one episode per (CHILD, DECOM), the file given last winning
 * (rule 1), and every unreadable row as `file:line: reason`.
 */
export function readEpisodeFiles(files: EpisodeFile[]): { episodes: Episode[]; rowsRead: number; problems: string[] } {
  const parsed = files.map((file) => parseEpisodesCsv(file.text, file.name));
  return {
    episodes: mergeEpisodeSets(parsed.map((p) => p.episodes)),
    rowsRead: parsed.reduce((n, p) => n + p.episodes.length, 0),
    problems: parsed.flatMap((p) => p.problems.map(formatProblem)),
  };
}

/** Documents per insertMany: large enough that a return is a few writes, small enough to hold one in memory twice. */
const INSERT_BATCH = 5000;

/**
 * Inserts new documents a batch at a time: one write per batch instead of one per document (an
 * authority's five returns are 100,000 episodes). When a batch clashes with documents stored
 * meanwhile (another import, a move confirmed at that moment), each of its documents is looked up
 * again and handed to `settle`, which writes it one at a time and says whether this import created
 * it. Returns how many documents this call created.
 */
async function insertInBulk<T extends StoredDoc>(
  collection: Collection<T>,
  docs: T[],
  settle: (doc: T, current: T | null) => Promise<boolean>,
): Promise<number> {
  let inserted = 0;
  for (let start = 0; start < docs.length; start += INSERT_BATCH) {
    const batch = docs.slice(start, start + INSERT_BATCH);
    try {
      await collection.insertMany(batch);
      inserted += batch.length;
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
      for (const doc of batch) if (await settle(doc, await collection.get(doc._id))) inserted++;
    }
  }
  return inserted;
}

/**
 * Runs `write` for every item, a batch at a time: a return holds thousands of rows, and waiting for
 * each write before sending the next would make an import as slow as its round trips. Each write
 * is still a single-document operation on its own key, so their order does not matter.
 */
async function inBatches<T>(items: T[], write: (item: T) => Promise<void>, size = 200): Promise<void> {
  for (let start = 0; start < items.length; start += size) await Promise.all(items.slice(start, start + size).map(write));
}

async function storedEpisodesOf(ctx: ServiceContext, children: string[]): Promise<EpisodeDoc[]> {
  return findWhereIn(ctx.records.episodes, 'child', children);
}

/** Above this many values, `findWhereIn` reads the whole collection instead of sending an `$in` list. */
const LONG_IN_LIST = 1000;

/**
 * The documents whose `field` is one of `values`. A long list (a whole authority's return names
 * every child) is cheaper to meet by reading the collection once and filtering here: the embedded
 * store has no single-field index on these fields, so it matches `$in` by comparing every document
 * with every value (100,000 episodes against 10,000 children took about 10 s), and such an import
 * concerns most of the collection anyway.
 */
async function findWhereIn<T extends StoredDoc>(collection: Collection<T>, field: keyof T & string, values: string[]): Promise<T[]> {
  if (values.length === 0) return [];
  if (values.length <= LONG_IN_LIST) return collection.find({ [field]: { $in: values } });
  const wanted = new Set(values);
  return (await collection.find({})).filter((doc) => wanted.has(doc[field] as unknown as string));
}

/** The episode as the domain sees it: the stored document without its storage fields. */
export function toEpisode(doc: EpisodeDoc): Episode {
  const { _id, version, importedAt, ...episode } = doc;
  void _id, version, importedAt;
  return episode;
}

/** What the row says. Where it was read from (file, line) is not part of it: the same row in a later file is unchanged. */
const EPISODE_CONTENT: Array<keyof Episode> = ['rne', 'ls', 'cin', 'place', 'placeProvider', 'dec', 'rec', 'reasonPlaceChange'];
function sameEpisode(a: Episode, b: Episode): boolean {
  return EPISODE_CONTENT.every((field) => a[field] === b[field]);
}

async function saveEpisode(
  ctx: ServiceContext,
  existing: EpisodeDoc | null,
  episode: Episode,
  importedAt: string,
): Promise<'created' | 'updated' | 'unchanged'> {
  const id = episodeId(episode);
  let current = existing;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (current === null) {
      try {
        await ctx.records.episodes.insert({ _id: id, version: 1, ...episode, importedAt });
        return 'created';
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
      }
    } else {
      if (sameEpisode(current, episode)) return 'unchanged';
      if (await ctx.records.episodes.updateIfVersion(id, current.version, { ...episode, importedAt })) return 'updated';
    }
    current = await ctx.records.episodes.get(id); // another import got there first: compare again
  }
  throw new ConflictError(`Episode ${id} kept changing during the import; run the import again.`);
}

/**
 * Makes `placement_moves` of these children match the moves in their episodes: adds imported moves,
 * removes imported ones a corrected return no longer has, and marks bot moves reconciled (or no
 * longer reconciled). A bot record is never replaced, so its requestRef stays.
 */
async function syncImportedMoves(
  ctx: ServiceContext,
  children: string[],
  histories: Map<string, Episode[]>,
): Promise<EpisodeImportReport['moves']> {
  const counts = { added: 0, removed: 0, reconciled: 0 };
  if (children.length === 0) return counts;

  const derived = new Map<string, PlacementMoveDoc>();
  for (const [child, episodes] of histories) {
    for (const move of movesOf(episodes)) {
      const id = `${child}|${move.date}`;
      derived.set(id, { _id: id, version: 1, caseRef: child, date: move.date, placementType: move.episode.place ?? '', source: 'import', requestRef: null });
    }
  }
  const existing = new Map((await findWhereIn(ctx.records.placementMoves, 'caseRef', children)).map((m) => [m._id, m]));

  // New moves go in as batches; the few that change a stored record are single-document updates.
  const newMoves = [...derived.values()].filter((move) => !existing.has(move._id));
  counts.added += await insertInBulk(ctx.records.placementMoves, newMoves, async (move, current) => {
    // Stored meanwhile: ours from a batch that partly went in, or a move confirmed in the bot at
    // this very moment (the next import reconciles it).
    if (current !== null) return current.source === 'import' && current.placementType === move.placementType && current.version === 1;
    try {
      await ctx.records.placementMoves.insert(move);
      return true;
    } catch (err) {
      if (err instanceof DuplicateKeyError) return false;
      throw err;
    }
  });
  const changed = [...derived].filter(([id, move]) => {
    const current = existing.get(id);
    return current !== undefined && ((current.source === 'bot' && current.reconciledBy !== 'import') || (current.source === 'import' && current.placementType !== move.placementType));
  });
  await inBatches(changed, async ([id, move]) => {
    const current = existing.get(id)!;
    if (current.source === 'bot') {
      if (await ctx.records.placementMoves.updateIfVersion(id, current.version, { reconciledBy: 'import' })) counts.reconciled++;
    } else {
      await ctx.records.placementMoves.updateIfVersion(id, current.version, { placementType: move.placementType });
    }
  });

  for (const [id, current] of existing) {
    if (derived.has(id)) continue;
    if (current.source === 'import') {
      if (await ctx.records.placementMoves.delete(id)) counts.removed++;
    } else if (current.reconciledBy === 'import') {
      await ctx.records.placementMoves.updateIfVersion(id, current.version, { reconciledBy: null });
    }
  }
  return counts;
}

/**
 * The episodes the measures are worked out from: the stored (imported) episodes, plus one
 * synthetic episode for each move confirmed in the bot that no return holds yet, so that a move
 * counts from the day it is confirmed rather than from the next annual return.
 *
 * A bot move is left out when it is reconciled (the return has it), and also when the child's
 * returns already reach its date (an episode starts on or after it, or ends after it): the return
 * is then the record for that period, and a move it lacks is a coding question, not a second move.
 * The synthetic episode is a placement change (RNE P) to the confirmed placement type, keeping the
 * legal status; the open episode before it is closed on the move date.
 *
 * `children` limits the result to those case references (a team's children). Sorted by child, then DECOM.
 */
export async function episodesForMeasures(ctx: ServiceContext, children?: string[]): Promise<Episode[]> {
  if (children && children.length === 0) return [];
  const stored = await ctx.records.episodes.find(children ? { child: { $in: children } } : {});
  const histories = episodesByChild(stored.map(toEpisode));
  const botMoves = await ctx.records.placementMoves.find(
    { source: 'bot', ...(children ? { caseRef: { $in: children } } : {}) },
    { sort: { date: 1 } },
  );

  for (const move of botMoves) {
    if (move.reconciledBy === 'import') continue;
    const history = histories.get(move.caseRef) ?? [];
    if (history.some((e) => e.decom >= move.date || (e.dec !== null && e.dec > move.date))) continue;

    const latest = history.reduce<Episode | null>((last, e) => (last === null || e.decom > last.decom ? e : last), null);
    const stillOpen = latest !== null && latest.dec === null;
    const moved: Episode = {
      child: move.caseRef,
      decom: move.date,
      rne: 'P',
      ls: latest?.ls ?? (await ctx.records.children.get(move.caseRef))?.legalStatus ?? null,
      cin: latest?.cin ?? null,
      place: move.placementType,
      placeProvider: null,
      dec: null,
      rec: null,
      reasonPlaceChange: null,
      source: { file: `bot move ${move.requestRef ?? move._id}`, line: 0 },
    };
    histories.set(move.caseRef, [
      ...history.filter((e) => !stillOpen || e !== latest),
      ...(stillOpen ? [{ ...latest, dec: move.date, rec: 'X1' }] : []),
      moved,
    ]);
  }
  // Each child's list is in DECOM order (episodesByChild sorts it, and a bot move is appended after
  // every episode it follows), so putting the children in order is enough: the same order as
  // sorting every episode by child then DECOM, without sorting them all again.
  return [...histories.keys()].sort().flatMap((child) => histories.get(child)!);
}
