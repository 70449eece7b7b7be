// The placement history: SSDA903 episodes imported from the case system's returns, joined with the
// moves the bot records when a social worker confirms one.
//
// Case references: the SSDA903 CHILD id is taken to BE the bot's case reference (ChildDoc.caseRef).
// Councils export the return from the same case system whose reference the bot's children list
// carries, so an imported history joins a child record exactly when the ids match. A council whose
// return uses a different id would need a mapping table here; none is assumed.
//
// Storage: one `placement_histories` document per child holding all of that child's episodes (one
// per DECOM, in DECOM order). The measures, the coding checks and a subject access request all read
// a child's history whole, an import changes it in one version-checked update (a child's history is
// never half imported), and an authority is 10,000 documents rather than 100,000.
//
// Moves: the moves in the returns are worked out from the episodes when needed (DOMAIN "Counting
// moves" rule 3), never stored. `placement_moves` holds the moves confirmed in the bot
// (services/moveEffects.ts); an import that contains one (same child, same date) marks it
// `reconciledBy: 'import'`, and from then on it is counted once, as the return has it.
import { randomUUID } from 'node:crypto';
import { ukDate } from '../domain/dates';
import { episodesByChild, formatProblem, mergeEpisodeSets, parseEpisodesCsv, type Episode } from '../domain/ssda903/episodes';
import { movesOf } from '../domain/ssda903/spells';
import { withRecordedPlacementStart } from '../domain/moves';
import { DuplicateKeyError, type Collection, type StoredDoc } from '../store/collection';
import type { MoveRequestDoc, PlacementHistoryDoc, PlacementMoveDoc } from '../store/records';
import { writeAudit } from './audit';
import type { ServiceContext } from './context';
import { ConflictError } from './errors';
import { disruptionOffersForImportedEndings } from './meetingOffers';
import { enqueueAll } from './outbox';

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
    /** Moves the import adds to the children's histories that the bot had not recorded. */
    added: number;
    /** Moves a corrected return no longer contains. */
    removed: number;
    /** Moves recorded in the bot that the import now contains, marked reconciled. */
    reconciled: number;
  };
}

export const episodeId = (episode: Pick<Episode, 'child' | 'decom'>): string => `${episode.child}|${episode.decom}`;

/** What one import did to one child's history. */
interface HistoryChange {
  child: string;
  created: number;
  updated: number;
  unchanged: number;
  before: Episode[];
  after: Episode[];
}

/**
 * Imports returns, given in order (the file given last wins for the same child and DECOM, and the
 * import wins over what was stored before). Episodes the files do not contain stay as they are:
 * each return covers one year, so a missing row says nothing. Unreadable rows are reported, never
 * fatal. Importing the same files again changes nothing.
 */
export async function importEpisodeFiles(ctx: ServiceContext, files: EpisodeFile[], actor = 'cli'): Promise<EpisodeImportReport> {
  const { episodes: incoming, rowsRead, problems } = readEpisodeFiles(files);
  const incomingByChild = episodesByChild(incoming);
  const children = [...incomingByChild.keys()];
  const stored = new Map((await findWhereIn(ctx.records.histories, '_id', children)).map((doc) => [doc._id, doc]));
  const importedAt = ctx.now().toISOString();
  // Marks what this run wrote: two imports in the same millisecond still tell their documents apart.
  const importRun = randomUUID();

  // Children new to the store go in as batches; a history that changes is one versioned update; a
  // history the return leaves as it is needs no write at all (a re-import writes nothing).
  const changes: HistoryChange[] = [];
  const newHistories: PlacementHistoryDoc[] = [];
  const changedHistories: PlacementHistoryDoc[] = [];
  for (const [child, episodes] of incomingByChild) {
    const existing = stored.get(child);
    if (existing === undefined) newHistories.push({ _id: child, version: 1, child, episodes, importedAt, importRun });
    else {
      const change = overlay(child, existing.episodes, episodes);
      if (change.created + change.updated === 0) changes.push(change);
      else changedHistories.push(existing);
    }
  }
  await inBatches(changedHistories, async (existing) => {
    changes.push(await saveHistory(ctx, existing.child, incomingByChild.get(existing.child)!, { importedAt, importRun }, existing));
  });
  const created = (doc: PlacementHistoryDoc): HistoryChange => ({ child: doc.child, created: doc.episodes.length, updated: 0, unchanged: 0, before: [], after: doc.episodes });
  const inserted = await insertInBulk(ctx.records.histories, newHistories, async (doc, current) => {
    // Stored meanwhile: by this import's own batch (MongoDB inserts all it can), or by another import.
    if (current !== null && current.importRun === importRun) changes.push(created(doc));
    else changes.push(await saveHistory(ctx, doc.child, incomingByChild.get(doc.child)!, { importedAt, importRun }, current));
  });
  changes.push(...inserted.map(created));

  const report: EpisodeImportReport = {
    rowsRead,
    created: sum(changes, 'created'),
    updated: sum(changes, 'updated'),
    unchanged: sum(changes, 'unchanged'),
    problems,
    moves: await reconcileMoves(ctx, changes),
  };
  // END-2: an ending without a plan in the return is offered a Disruption Meeting, as a move would be.
  await enqueueAll(ctx, await disruptionOffersForImportedEndings(ctx, changes, ukDate(ctx.now())));

  await writeAudit(ctx, {
    actor,
    action: 'episodes.imported',
    subject: 'episodes',
    details: {
      importRun,
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

/**
 * A child's stored episodes with the incoming ones laid over them (same DECOM: the incoming one
 * wins), in DECOM order, and how many incoming episodes were new, changed or the same.
 */
function overlay(child: string, stored: Episode[], incoming: Episode[]): HistoryChange {
  const byStart = new Map(stored.map((episode) => [episode.decom, episode]));
  const change: HistoryChange = { child, created: 0, updated: 0, unchanged: 0, before: stored, after: [] };
  for (const episode of incoming) {
    const current = byStart.get(episode.decom);
    if (current === undefined) change.created++;
    else if (sameEpisode(current, episode)) {
      change.unchanged++;
      continue; // the stored one stays, with the file and line it was first read from
    } else change.updated++;
    byStart.set(episode.decom, episode);
  }
  change.after = [...byStart.values()].sort((a, b) => (a.decom < b.decom ? -1 : a.decom > b.decom ? 1 : 0));
  return change;
}

/** Writes one child's history with the incoming episodes laid over it, retrying when another import changed it first. */
async function saveHistory(
  ctx: ServiceContext,
  child: string,
  incoming: Episode[],
  stamp: Pick<PlacementHistoryDoc, 'importedAt' | 'importRun'>,
  known: PlacementHistoryDoc | null,
): Promise<HistoryChange> {
  let current = known;
  for (let attempt = 0; attempt < 3; attempt++) {
    const change = overlay(child, current?.episodes ?? [], incoming);
    if (change.created + change.updated === 0) return change;
    try {
      if (current === null) {
        await ctx.records.histories.insert({ _id: child, version: 1, child, episodes: change.after, ...stamp });
        return change;
      }
      if (await ctx.records.histories.updateIfVersion(child, current.version, { episodes: change.after, ...stamp })) return change;
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
    }
    current = await ctx.records.histories.get(child); // another import got there first: lay ours over theirs
  }
  throw new ConflictError(`The history of ${child} kept changing during the import; run the import again.`);
}

/**
 * Counts the moves the import added to or removed from the children's histories, and marks the
 * moves recorded in the bot that the histories now contain as reconciled (or no longer, when a
 * corrected return has taken the move out). A bot record is never replaced, so its requestRef stays.
 */
async function reconcileMoves(ctx: ServiceContext, changes: HistoryChange[]): Promise<EpisodeImportReport['moves']> {
  const counts = { added: 0, removed: 0, reconciled: 0 };
  if (changes.length === 0) return counts;
  const botMoves = await findWhereIn(
    ctx.records.placementMoves,
    'caseRef',
    changes.map((c) => c.child),
  );
  const botMoveIds = new Set(botMoves.map((m) => m._id));
  const moveIdsNow = new Set<string>();

  for (const change of changes) {
    const after = movesOf(change.after).map((m) => `${change.child}|${m.date}`);
    for (const id of after) moveIdsNow.add(id);
    if (change.created + change.updated === 0) continue;
    const before = new Set(movesOf(change.before).map((m) => `${change.child}|${m.date}`));
    const afterSet = new Set(after);
    counts.added += after.filter((id) => !before.has(id) && !botMoveIds.has(id)).length;
    counts.removed += [...before].filter((id) => !afterSet.has(id)).length;
  }

  await inBatches(botMoves, async (move) => {
    const inReturns = moveIdsNow.has(move._id);
    if (inReturns && move.reconciledBy !== 'import') {
      if (await ctx.records.placementMoves.updateIfVersion(move._id, move.version, { reconciledBy: 'import' })) counts.reconciled++;
    } else if (!inReturns && move.reconciledBy === 'import') {
      await ctx.records.placementMoves.updateIfVersion(move._id, move.version, { reconciledBy: null });
    }
  });
  return counts;
}

/** Documents per insertMany: large enough that a return is a few writes, small enough to hold one in memory twice. */
const INSERT_BATCH = 2000;

/**
 * Inserts new documents a batch at a time: one write per batch instead of one per document. When a
 * batch clashes with documents stored meanwhile (another import), each of its documents is looked
 * up again and handed to `settle`, which writes it on its own. Returns the documents that went in
 * as whole batches.
 */
async function insertInBulk<T extends StoredDoc>(collection: Collection<T>, docs: T[], settle: (doc: T, current: T | null) => Promise<void>): Promise<T[]> {
  const inserted: T[] = [];
  for (let start = 0; start < docs.length; start += INSERT_BATCH) {
    const batch = docs.slice(start, start + INSERT_BATCH);
    try {
      await collection.insertMany(batch);
      inserted.push(...batch);
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
      for (const doc of batch) await settle(doc, await collection.get(doc._id));
    }
  }
  return inserted;
}

/**
 * Runs `write` for every item, a batch at a time: waiting for each write before sending the next
 * would make an import as slow as its round trips. Each write is a single-document operation on its
 * own key, so their order does not matter.
 */
async function inBatches<T>(items: T[], write: (item: T) => Promise<void>, size = 200): Promise<void> {
  for (let start = 0; start < items.length; start += size) await Promise.all(items.slice(start, start + size).map(write));
}

/** Above this many values, `findWhereIn` reads the whole collection instead of sending an `$in` list. */
const LONG_IN_LIST = 1000;

/**
 * The documents whose `field` is one of `values`. A long list (a whole authority's return names
 * every child) is cheaper to meet by reading the collection once and filtering here than by
 * sending, and on the embedded store matching, an `$in` of 10,000 values; such an import concerns
 * most of the collection anyway.
 */
async function findWhereIn<T extends StoredDoc>(collection: Collection<T>, field: keyof T & string, values: string[]): Promise<T[]> {
  if (values.length === 0) return [];
  if (values.length <= LONG_IN_LIST) return collection.find({ [field]: { $in: values } });
  const wanted = new Set(values);
  return (await collection.find({})).filter((doc) => wanted.has(doc[field] as unknown as string));
}

/** What the row says. Where it was read from (file, line) is not part of it: the same row in a later file is unchanged. */
const EPISODE_CONTENT: Array<keyof Episode> = ['rne', 'ls', 'cin', 'place', 'placeProvider', 'dec', 'rec', 'reasonPlaceChange'];
function sameEpisode(a: Episode, b: Episode): boolean {
  return EPISODE_CONTENT.every((field) => a[field] === b[field]);
}

const sum = (changes: HistoryChange[], field: 'created' | 'updated' | 'unchanged'): number => changes.reduce((n, c) => n + c[field], 0);

/** Every stored episode of these children (all children when not given), each child's in DECOM order. */
export async function storedEpisodes(ctx: ServiceContext, children?: string[]): Promise<Map<string, Episode[]>> {
  const histories = await ctx.records.histories.find(children ? { _id: { $in: children } } : {});
  return new Map(histories.map((history) => [history.child, history.episodes]));
}

/**
 * The moves confirmed in the bot, as recorded in the child's history when each was confirmed (see
 * recordCompletedMove), from the child's move requests. Whether a return holds one yet needs no
 * flag here: episodesForMeasures leaves out a bot move wherever the returns reach its date.
 */
export function confirmedMovesOf(requests: MoveRequestDoc[]): PlacementMoveDoc[] {
  return requests
    .filter((r) => r.state === 'completed' && r.completion)
    .map((r) => ({
      _id: `${r.caseRef}|${r.completion!.date}`,
      version: 1,
      caseRef: r.caseRef,
      date: r.completion!.date,
      placementType: r.completion!.placementType,
      source: 'bot' as const,
      requestRef: r.ref,
    }));
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
export async function episodesForMeasures(ctx: ServiceContext, children?: string[], confirmed?: PlacementMoveDoc[]): Promise<Episode[]> {
  if (children && children.length === 0) return [];
  const histories = await storedEpisodes(ctx, children);
  // The caller may already hold the confirmed moves (from the children's move requests): then they are not read again.
  const botMoves = confirmed
    ? [...confirmed].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    : await ctx.records.placementMoves.find({ source: 'bot', ...(children ? { caseRef: { $in: children } } : {}) }, { sort: { date: 1 } });

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
    histories.set(move.caseRef, [...history.filter((e) => !stillOpen || e !== latest), ...(stillOpen ? [{ ...latest, dec: move.date, rec: 'X1' }] : []), moved]);
  }
  // Each child's list is in DECOM order (episodesByChild sorts it, and a bot move is appended after
  // every episode it follows), so putting the children in order is enough: the same order as
  // sorting every episode by child then DECOM, without sorting them all again.
  return [...histories.keys()].sort().flatMap((child) => histories.get(child)!);
}

/**
 * One child's move dates, as a request shows them ("N moves in the last 12 months"): the returns'
 * moves, the moves confirmed in the bot, and the start of the current placement held on the child's
 * record when nothing else covers it (see withRecordedPlacementStart).
 */
export async function moveDatesOfChild(ctx: ServiceContext, caseRef: string, confirmed?: PlacementMoveDoc[]): Promise<string[]> {
  const episodes = await episodesForMeasures(ctx, [caseRef], confirmed);
  const child = await ctx.records.children.get(caseRef);
  return withRecordedPlacementStart(
    movesOf(episodes).map((move) => move.date),
    episodes,
    child?.placementStart,
    ukDate(ctx.now()),
  );
}
