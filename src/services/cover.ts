// Cover for an absent Head of Service: setting it (chat and command line), who decides a team's
// move requests today, and what the approval card says about it. Out of hours, urgent requests
// also go to the out-of-hours approver named in the settings.
import { formatDate, ukDate } from '../domain/dates';
import { coverFormSchema, isCoverActive, type Cover } from '../domain/cover';
import { fieldErrors } from '../domain/moves';
import { coversTeam, hasRole, type Person } from '../domain/people';
import { authorize, may, PERMISSIONS, type ChildLinks, type OnMoveDecision } from '../domain/permissions';
import type { CoverDoc, MoveRequestDoc } from '../store/records';
import { DuplicateKeyError } from '../store/collection';
import { writeAudit } from './audit';
import type { ServiceContext } from './context';
import { InvalidInputError } from './errors';
import { moveFlowOf } from './moveFlowSettings';
import { enqueueAll } from './outbox';
import { rosterPerson, toPerson } from './people';

/**
 * How long a process keeps the covers it read for a team. Every approval card's render and every
 * decision asks; cover changes rarely. Set in this process it counts at once; set in another
 * (or on the command line), within this time, as a roster import does.
 */
export const COVERS_TRUSTED_FOR_MS = 30_000;
const knownCovers = new WeakMap<object, Map<string, { covers: CoverDoc[]; until: number }>>();

/**
 * Covers of a team in force today whose person may still cover (domain/permissions.ts: a Head of
 * Service or a service manager now, who did not set it themselves). A cover given to anyone else, or
 * to someone who has since lost the role, grants nothing: no approval cards, no reminders, no decision.
 */
export async function activeCovers(ctx: ServiceContext, team: string): Promise<CoverDoc[]> {
  const covers = await coversInForce(ctx, team);
  const eligible: CoverDoc[] = [];
  for (const cover of covers) if ((await whyNotInForce(ctx, cover)) === null) eligible.push(cover);
  return eligible;
}

/**
 * Why a cover as set grants nothing ("not in force: Perry Performance may not cover"), or null when
 * its person may cover today. Decided by the permission table's 'cover for a Head of Service'.
 */
async function whyNotInForce(ctx: ServiceContext, cover: CoverDoc): Promise<string | null> {
  const person = await rosterPerson(ctx, cover.coverId);
  if (person && may(person, 'cover for a Head of Service', { cover })) return null;
  return `not in force: ${cover.coverName} may not cover (cover is only for ${PERMISSIONS['cover for a Head of Service'].who})`;
}

/** Covers of a team in force today, as set (whoever they name). */
async function coversInForce(ctx: ServiceContext, team: string): Promise<CoverDoc[]> {
  const today = ukDate(ctx.now());
  let known = knownCovers.get(ctx.records);
  if (!known) knownCovers.set(ctx.records, (known = new Map()));
  const memory = known.get(team);
  const current = memory && memory.until > Date.now() ? memory.covers : null;
  const covers = current ?? (await ctx.records.covers.find({ team, to: { $gte: today } }, { sort: { from: 1 }, limit: 50 }));
  if (!current) known.set(team, { covers, until: Date.now() + COVERS_TRUSTED_FOR_MS });
  return covers.filter((c) => !c.cancelledAt && isCoverActive(c, today));
}

/**
 * What the 'decide a move' rule (domain/permissions.ts) needs beyond the request: who covers for
 * the team today, and the out-of-hours approver for urgent requests.
 */
export async function decisionSubject(
  ctx: ServiceContext,
  request: Pick<MoveRequestDoc, 'ref' | 'team' | 'requestedBy' | 'urgency'>,
  child: ChildLinks | null,
): Promise<OnMoveDecision> {
  const covers = await activeCovers(ctx, request.team);
  return { request, child, covers, outOfHoursApprover: moveFlowOf(ctx).outOfHours.approver ?? null };
}

/** May this person decide the request (as Head of Service, cover or out-of-hours approver; never their own)? */
export async function mayDecideMove(
  ctx: ServiceContext,
  person: Person,
  request: Pick<MoveRequestDoc, 'ref' | 'team' | 'requestedBy' | 'urgency'>,
  child: ChildLinks | null = null,
): Promise<boolean> {
  return may(person, 'decide a move', await decisionSubject(ctx, request, child));
}

/** The covering person whose cover lets `person` decide for the team today, if that is how they may. */
export async function coverOf(ctx: ServiceContext, person: Person, team: string): Promise<CoverDoc | null> {
  if (hasRole(person, 'head_of_service') && coversTeam(person, team)) return null;
  return (await activeCovers(ctx, team)).find((c) => c.coverId === person.id) ?? null;
}

/** "Harry Hughes is covering for Hana Head (North) until Fri 1 Jan 2027." for each cover of the team today. */
export async function coverNoteFor(ctx: ServiceContext, team: string): Promise<string | undefined> {
  const covers = await activeCovers(ctx, team);
  if (covers.length === 0) return undefined;
  return covers.map((c) => `${c.coverName} is covering${c.forName ? ` for ${c.forName}` : ''} (${c.team}) until ${formatDate(c.to)}.`).join(' ');
}

/**
 * A Head of Service for the team (or an admin, or the command line) sets cover. The covering
 * person must be on the roster and may cover (a Head of Service or service manager, not the person
 * setting it). Requests already waiting for a decision go to them at once.
 */
export async function setCover(ctx: ServiceContext, actor: Person | 'cli', input: unknown): Promise<CoverDoc> {
  const parsed = coverFormSchema(ukDate(ctx.now())).safeParse(input);
  if (!parsed.success) throw new InvalidInputError(fieldErrors(parsed.error));
  const form = parsed.data;
  if (actor !== 'cli') authorize(actor, 'set cover', { team: form.team });
  const coverDoc = await ctx.records.people.get(form.cover);
  if (!coverDoc) throw new InvalidInputError({ cover: `${form.cover} is not on the roster.` });
  const setBy = actor === 'cli' ? 'cli' : actor.id;
  if (!may(toPerson(coverDoc), 'cover for a Head of Service', { cover: { team: form.team, coverId: coverDoc._id, setBy } })) {
    throw new InvalidInputError({
      cover:
        setBy === coverDoc._id
          ? 'You cannot set yourself as cover: ask a Head of Service or an administrator.'
          : `${form.cover} cannot decide moves: choose a Head of Service or a service manager.`,
    });
  }
  const forDoc = form.for ? await ctx.records.people.get(form.for) : null;
  if (form.for && (!forDoc || !hasRole(toPerson(forDoc), 'head_of_service'))) throw new InvalidInputError({ for: `${form.for} is not a Head of Service on the roster.` });
  const at = ctx.now().toISOString();
  const cover: Cover = {
    team: form.team,
    coverId: coverDoc._id,
    coverName: coverDoc.name,
    forId: forDoc?._id ?? null,
    forName: forDoc?.name ?? null,
    from: form.from,
    to: form.to,
    setBy,
  };
  const doc: CoverDoc = { _id: `${form.team}|${coverDoc._id}|${form.from}`, version: 1, ...cover, createdAt: at, cancelledAt: null };
  try {
    await ctx.records.covers.insert(doc);
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
    // The same cover set again (a double click, or a new last day): the latest answer stands.
    const existing = (await ctx.records.covers.get(doc._id))!;
    await ctx.records.covers.updateIfVersion(existing._id, existing.version, { ...cover, cancelledAt: null });
  }
  knownCovers.get(ctx.records)?.delete(form.team); // counts at once in this process
  await writeAudit(
    ctx,
    { actor: cover.setBy, action: 'cover.set', subject: form.team, toState: 'set', details: { cover: cover.coverId, for: cover.forId, from: cover.from, to: cover.to } },
    at,
  );
  if (isCoverActive(cover, ukDate(ctx.now()))) await sendWaitingApprovalsToCover(ctx, cover);
  return (await ctx.records.covers.get(doc._id))!;
}

/** A cover as listed: `notInForce` says why it grants nothing (its person may not cover), or is null. */
export type ListedCover = CoverDoc & { notInForce: string | null };

/**
 * Covers set for today or later, for the teams the person may see (all for the command line). A
 * cover whose person may not cover (set before the rule, or they have since lost the role) is listed
 * as not in force, so whoever sets cover sees that the team has none and sets another.
 */
export async function coversFor(ctx: ServiceContext, actor: Person | 'cli'): Promise<ListedCover[]> {
  const today = ukDate(ctx.now());
  const all = await ctx.records.covers.find({ to: { $gte: today } }, { sort: { from: 1 }, limit: 200 });
  const seen = all.filter((c) => !c.cancelledAt && (actor === 'cli' || actor.teams.includes('*') || actor.teams.includes(c.team)));
  const listed: ListedCover[] = [];
  for (const cover of seen) listed.push({ ...cover, notInForce: await whyNotInForce(ctx, cover) });
  return listed;
}

/** The covering person gets the approval card of every request of the team still waiting for a decision. */
async function sendWaitingApprovalsToCover(ctx: ServiceContext, cover: Cover): Promise<void> {
  const waiting = await ctx.records.moveRequests.find({ team: cover.team, state: 'pending' }, { sort: { requestedAt: 1 }, limit: 50 });
  await enqueueAll(
    ctx,
    waiting.map((r) => ({
      key: `${r.ref}:approval:${cover.coverId}`,
      recipient: { kind: 'person' as const, personId: cover.coverId },
      content: { kind: 'move-card' as const, ref: r.ref, view: 'approver' as const },
      subjectRef: r.ref,
    })),
  );
}
