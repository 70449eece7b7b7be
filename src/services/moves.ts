// The placement move use cases: request (MOVE-1..6), decide (MOVE-1, first decision wins; a cover
// may decide, see cover.ts), ask for and give more information, confirm that the move happened,
// withdraw it, open a request by reference, "my requests", and the move tracker (MOVE-8).
import { z } from 'zod';
import { formatInstant, ukDate } from '../domain/dates';
import {
  confirmFormSchema,
  decisionFormSchema,
  fieldErrors,
  isDecided,
  moveRequestFormSchema,
  movesInLast12Months,
  MOVE_STATE_LABELS,
  OPEN_STATES,
  WITHDRAWABLE,
  withdrawFormSchema,
  type MoveState,
} from '../domain/moves';
import { hasRole, type Person } from '../domain/people';
import { authorize, may, refusal, type Action, type ChildLinks } from '../domain/permissions';
import { coverOf, decisionSubject, mayDecideMove } from './cover';
import { DuplicateKeyError, type Filter } from '../store/collection';
import { PLACEMENT_TYPES } from '../domain/ssda903/codes';
import type { MoveRequestDoc, PendingEffect } from '../store/records';
import { auditOfChange, withAuditOfChange, type ChangeAudit } from './audit';
import type { ServiceContext } from './context';
import { ConflictError, InvalidInputError, NotFoundError } from './errors';
import { runMoveEffects } from './moveEffects';
import { changeVersioned } from './versionedChange';
import { toChild } from './people';
import { confirmedMovesOf, moveDatesOfChild } from './episodes';
import { claimOpenMove, pressKey, pressOf, releaseOpenMove } from './claims';

/** The next reference of a kind, e.g. PM-2026-0001: a counter per prefix and year. */
export async function nextReference(ctx: ServiceContext, prefix: string): Promise<string> {
  const year = ukDate(ctx.now()).slice(0, 4);
  const n = await ctx.records.counters.increment(`${prefix}-${year}`, 'value');
  return `${prefix}-${year}-${String(n).padStart(4, '0')}`;
}

/** The child's moves as the measures count them: the returns' moves, and those confirmed in the bot since (from `requests`, the child's move requests, when given). */
export async function moveDatesOf(ctx: ServiceContext, caseRef: string, requests?: MoveRequestDoc[]): Promise<string[]> {
  return moveDatesOfChild(ctx, caseRef, requests && confirmedMovesOf(requests));
}

export async function getMoveRequest(ctx: ServiceContext, ref: string): Promise<MoveRequestDoc> {
  const request = typeof ref === 'string' && ref.length <= 40 ? await ctx.records.moveRequests.get(ref) : null;
  if (!request) throw new NotFoundError(`There is no move request ${String(ref).slice(0, 40)}.`);
  return request;
}

/** Where the requester's form was, in their personal chat: it turns into the request's card, kept current like every other copy. */
export interface ShownIn {
  conversationId: string;
  activityId: string;
}

/** The refusal of a second open request for a child: there is one already (MOVE-8 tracks one move at a time). */
function alreadyOpen(open: MoveRequestDoc): ConflictError {
  return new ConflictError(
    `${open.ref} for ${open.caseRef} is already open (${MOVE_STATE_LABELS[open.state].toLowerCase()}). Use that request: type ${open.ref} to open it, and withdraw it there if it is no longer wanted.`,
  );
}

/**
 * Submits a move request from the form. Bad input stores nothing and names every problem. The same
 * press again (`formId`: the form's message) answers with the request the first press made; a child
 * has at most one open request, even when two people submit at once (services/claims.ts).
 */
export async function requestMove(ctx: ServiceContext, person: Person, form: unknown, shownIn: ShownIn | null = null, formId: string | null = null): Promise<MoveRequestDoc> {
  const now = ctx.now();
  const parsed = moveRequestFormSchema(ukDate(now)).safeParse(form);
  if (!parsed.success) throw new InvalidInputError(fieldErrors(parsed.error));
  const details = parsed.data;

  // An unknown child and a child the person may not act for get the same answer: nothing leaks.
  const childDoc = await ctx.records.children.get(details.caseRef);
  if (!childDoc || !may(person, 'request a move', { child: toChild(childDoc) })) {
    throw new InvalidInputError({ caseRef: 'Choose one of the children you may request a move for.' });
  }
  const pressed = pressOf(person.id, formId ?? shownIn?.activityId, form);
  const press = pressed ? pressKey('move', pressed) : null;
  // The child's requests: one this same press made answers it (a double click); an open one refuses
  // it; the completed ones are the moves confirmed in the bot.
  const requests = await ctx.records.moveRequests.find({ caseRef: details.caseRef });
  const earlier = press ? requests.find((r) => r.press === press) : undefined;
  if (earlier) return earlier;
  const open = requests.find((r) => OPEN_STATES.includes(r.state));
  if (open) throw alreadyOpen(open);

  // Two people submitting for the child at once: the first to claim it makes the request. A twin
  // of this press claimed it already: the request is made under the twin's reference (stored once).
  const claim = await claimOpenMove(ctx, details.caseRef, await nextReference(ctx, 'PM'), press, async (held) => {
    const request = await ctx.records.moveRequests.get(held);
    return request ? OPEN_STATES.includes(request.state) : null;
  });
  if ('held' in claim) {
    const other = claim.held.stored ? await ctx.records.moveRequests.get(claim.held.ref) : null;
    if (other) throw alreadyOpen(other);
    throw new ConflictError(`A request for ${details.caseRef} is being made by someone else at this moment. Type "my requests" in a minute to see it.`);
  }
  const ref = claim.ref;
  const at = now.toISOString();
  const request: MoveRequestDoc = {
    _id: ref,
    version: 1,
    ref,
    ...details,
    team: childDoc.team,
    requestedBy: person.id,
    requestedByName: person.name,
    requestedAt: at,
    state: 'pending',
    movesInLast12Months: movesInLast12Months(await moveDatesOf(ctx, details.caseRef, requests), ukDate(now)),
    decision: null,
    infoRequests: [],
    withdrawal: null,
    completion: null,
    requesterCopy: shownIn,
    press,
    createdAt: at,
    updatedAt: at,
    pendingEffects: ['requested'],
    pendingAudit: [
      auditOfChange(ref, 1, { actor: person.id, action: 'move.requested', subject: ref, toState: 'pending', details: { caseRef: details.caseRef, urgency: details.urgency } }, at),
    ],
  };
  try {
    await ctx.records.moveRequests.insert(request);
  } catch (err) {
    // Its twin stored it first: answer with that one.
    const stored = err instanceof DuplicateKeyError ? await ctx.records.moveRequests.get(ref) : null;
    if (!stored) throw err;
    return stored;
  }
  return runMoveEffects(ctx, request);
}

/** Changes a request and marks the effect still to carry out and its audit entry still to write, in one version-checked update. */
function changeRequest(
  ctx: ServiceContext,
  ref: string,
  change: (current: MoveRequestDoc) => { fields: Partial<MoveRequestDoc>; effect: PendingEffect; audit: ChangeAudit },
): Promise<MoveRequestDoc> {
  return changeVersioned(
    ctx,
    ctx.records.moveRequests,
    () => getMoveRequest(ctx, ref),
    (current) => {
      const {
        fields,
        effect,
        audit: { at, ...audit },
      } = change(current);
      return {
        ...fields,
        pendingEffects: [...current.pendingEffects, effect],
        pendingAudit: withAuditOfChange(current, { ...audit, subject: ref, fromState: current.state, toState: fields.state ?? current.state }, at),
      };
    },
  ).then(async ({ after }) => {
    // A closed request (declined, withdrawn, completed) no longer holds the child's one open request.
    if (!OPEN_STATES.includes(after.state)) await releaseOpenMove(ctx, after.caseRef, after.ref);
    return after;
  });
}

function alreadyDecidedMessage(request: MoveRequestDoc): string {
  if (request.decision) {
    const when = formatInstant(request.decision.at);
    return `${request.ref} was already ${request.decision.outcome} by ${request.decision.byName} at ${when}.`;
  }
  return `${request.ref} is ${MOVE_STATE_LABELS[request.state].toLowerCase()}.`;
}

/**
 * A Head of Service (or admin) for the child's team approves, declines or asks for more
 * information. The first decision wins; later clicks change nothing and say who decided.
 */
export async function decideMove(ctx: ServiceContext, person: Person, ref: string, input: unknown): Promise<MoveRequestDoc> {
  // A Head of Service of the team, the person covering for them, or the out-of-hours approver; never the requester.
  const request = await authorizeDecision(ctx, person, ref);
  const cover = await coverOf(ctx, person, request.team);
  const parsed = decisionFormSchema.safeParse(input);
  if (!parsed.success) throw new InvalidInputError(fieldErrors(parsed.error));
  const { outcome, comment } = parsed.data;
  const at = ctx.now().toISOString();

  const audit: ChangeAudit = {
    actor: person.id,
    action: outcome === 'info' ? 'move.info-requested' : `move.${outcome}`,
    details: { comment: comment || null, ...(cover && { coveringFor: cover.forId ?? cover.team }) },
    at,
  };
  const after = await changeRequest(ctx, ref, (current) => {
    if (isDecided(current)) throw new ConflictError(alreadyDecidedMessage(current));
    if (outcome === 'info') {
      return {
        fields: {
          state: 'info_requested',
          infoRequests: [...current.infoRequests, { askedBy: person.id, askedByName: person.name, askedAt: at, question: comment, answer: null, answeredAt: null }],
        },
        effect: 'info-requested',
        audit,
      };
    }
    return {
      fields: { state: outcome, decision: { outcome, by: person.id, byName: person.name, at, comment: comment || null } },
      effect: 'decided',
      audit,
    };
  });
  return runMoveEffects(ctx, after);
}

const answerSchema = z.object({
  answer: z
    .string({ required_error: 'Write your answer.', invalid_type_error: 'The answer must be text.' })
    .trim()
    .min(5, 'Write your answer (at least 5 characters).')
    .max(4000, 'The answer must be at most 4000 characters.'),
});

type MoveAction = Extract<Action, 'see a move request' | "answer the approver's question" | 'confirm the move happened' | 'withdraw a move request'>;

/** The request and its child, or the refusal of `action` (the same whether the request exists or not, showing nothing of it). */
async function requestAndChild(ctx: ServiceContext, action: Action, ref: string): Promise<{ request: MoveRequestDoc; child: ChildLinks | null; shownRef: string }> {
  const request = typeof ref === 'string' && ref.length <= 40 ? await ctx.records.moveRequests.get(ref) : null;
  const shownRef = String(ref).slice(0, 40);
  if (!request) throw refusal(action, shownRef);
  const childDoc = await ctx.records.children.get(request.caseRef);
  return { request, child: childDoc ? toChild(childDoc) : null, shownRef };
}

/**
 * Reads the request and checks the person may do `action` on it. The refusal is the same whether
 * the request exists or not, and shows nothing of it.
 */
async function authorizeOnRequest(ctx: ServiceContext, person: Person, action: MoveAction, ref: string): Promise<MoveRequestDoc> {
  const { request, child, shownRef } = await requestAndChild(ctx, action, ref);
  authorize(person, action, { request, child }, shownRef);
  return request;
}

/** 'decide a move', with today's covers and the out-of-hours approver as the rule's facts. */
async function authorizeDecision(ctx: ServiceContext, person: Person, ref: string): Promise<MoveRequestDoc> {
  const { request, child, shownRef } = await requestAndChild(ctx, 'decide a move', ref);
  authorize(person, 'decide a move', await decisionSubject(ctx, request, child), shownRef);
  return request;
}

/** The requester (or the child's social worker) answers the approver's question; the request goes back for a decision. */
export async function answerInfoRequest(ctx: ServiceContext, person: Person, ref: string, input: unknown): Promise<MoveRequestDoc> {
  await authorizeOnRequest(ctx, person, "answer the approver's question", ref);
  const parsed = answerSchema.safeParse(input);
  if (!parsed.success) throw new InvalidInputError(fieldErrors(parsed.error));
  const at = ctx.now().toISOString();
  const after = await changeRequest(ctx, ref, (current) => {
    if (current.state !== 'info_requested') throw new ConflictError(`${ref} is not waiting for more information (${MOVE_STATE_LABELS[current.state].toLowerCase()}).`);
    const infoRequests = current.infoRequests.map((q, i) => (i === current.infoRequests.length - 1 ? { ...q, answer: parsed.data.answer, answeredAt: at } : q));
    return { fields: { state: 'pending', infoRequests }, effect: 'info-answered', audit: { actor: person.id, action: 'move.info-answered', at } };
  });
  return runMoveEffects(ctx, after);
}

/** The social worker confirms the move happened: the date and the new placement type join the child's history. */
export async function confirmMove(ctx: ServiceContext, person: Person, ref: string, input: unknown): Promise<MoveRequestDoc> {
  const request = await authorizeOnRequest(ctx, person, 'confirm the move happened', ref);
  const child = await ctx.records.children.get(request.caseRef);
  const parsed = confirmFormSchema(ukDate(ctx.now()), ukDate(new Date(request.requestedAt)), PLACEMENT_TYPES).safeParse(input);
  if (!parsed.success) throw new InvalidInputError(fieldErrors(parsed.error));
  const at = ctx.now().toISOString();
  const after = await changeRequest(ctx, ref, (current) => {
    if (current.state !== 'approved') throw new ConflictError(`${ref} cannot be confirmed: it is ${MOVE_STATE_LABELS[current.state].toLowerCase()}.`);
    return {
      fields: {
        state: 'completed',
        completion: {
          date: parsed.data.moveDate,
          placementType: parsed.data.placementType,
          by: person.id,
          at,
          ...(child && {
            ended: {
              placementType: child.placementType,
              placementProvider: child.placementProvider,
              carerName: child.carerName,
              carerEmail: child.carerEmail,
              supervisingSocialWorker: child.supervisingSocialWorker,
            },
          }),
        },
      },
      effect: 'completed',
      audit: { actor: person.id, action: 'move.completed', details: { moveDate: parsed.data.moveDate, placementType: parsed.data.placementType }, at },
    };
  });
  return runMoveEffects(ctx, after);
}

/**
 * The requester, their team manager or a Head of Service withdraws a request not yet confirmed,
 * with a reason. Every copy of the card shows it; open follow-up tasks close; if the placements team
 * had been told to look, they are told to stop (see moveEffects). A new request for the child is then allowed.
 */
export async function withdrawMove(ctx: ServiceContext, person: Person, ref: string, input: unknown): Promise<MoveRequestDoc> {
  await authorizeOnRequest(ctx, person, 'withdraw a move request', ref);
  const parsed = withdrawFormSchema.safeParse(input);
  if (!parsed.success) throw new InvalidInputError(fieldErrors(parsed.error));
  const at = ctx.now().toISOString();
  const after = await changeRequest(ctx, ref, (current) => {
    if (!WITHDRAWABLE.includes(current.state)) throw new ConflictError(`${ref} cannot be withdrawn: it is ${MOVE_STATE_LABELS[current.state].toLowerCase()}.`);
    return {
      fields: { state: 'withdrawn', withdrawal: { by: person.id, byName: person.name, at, reason: parsed.data.reason } },
      effect: 'withdrawn',
      audit: { actor: person.id, action: 'move.withdrawn', details: { reason: parsed.data.reason }, at },
    };
  });
  return runMoveEffects(ctx, after);
}

/** The card a person sees for a request: which actions it offers them. */
export type MoveView = 'approver' | 'requester' | 'observer';

/** Which view of the request this person gets, or null when they may not see it at all. */
export async function moveViewFor(ctx: ServiceContext, person: Person, request: MoveRequestDoc): Promise<MoveView | null> {
  const childDoc = await ctx.records.children.get(request.caseRef);
  const child = childDoc ? toChild(childDoc) : null;
  if (!isDecided(request) && (await mayDecideMove(ctx, person, request, child))) return 'approver';
  const subject = { request, child };
  if (may(person, 'confirm the move happened', subject) || may(person, "answer the approver's question", subject) || may(person, 'withdraw a move request', subject))
    return 'requester';
  return may(person, 'see a move request', subject) ? 'observer' : null;
}

/**
 * A request opened by its reference. Someone who may not see it gets the same answer as for a
 * reference that does not exist, so nothing about it leaks.
 */
export async function openMoveRequest(ctx: ServiceContext, person: Person, ref: string): Promise<{ request: MoveRequestDoc; view: MoveView }> {
  const request = typeof ref === 'string' && ref.length <= 40 ? await ctx.records.moveRequests.get(ref.toUpperCase()) : null;
  const view = request ? await moveViewFor(ctx, person, request) : null;
  if (!request || !view) throw refusal('see a move request', String(ref).slice(0, 40));
  return { request, view };
}

/**
 * "my requests": the open requests a person made or works on as the child's social worker, and for
 * a team manager every open request of their teams; oldest first.
 */
export async function myMoveRequests(ctx: ServiceContext, person: Person): Promise<MoveRequestDoc[]> {
  const caseload = (await ctx.records.children.find({ socialWorker: person.id }, { limit: 500 })).map((c) => c._id);
  const teams = hasRole(person, 'team_manager') ? person.teams : [];
  const mine: Filter[] = [
    { requestedBy: person.id },
    ...(caseload.length > 0 ? [{ caseRef: { $in: caseload } }] : []),
    ...(teams.includes('*') ? [{}] : teams.length > 0 ? [{ team: { $in: teams } }] : []),
  ];
  const found = new Map<string, MoveRequestDoc>();
  for (const filter of mine) {
    for (const r of await ctx.records.moveRequests.find({ ...filter, state: { $in: OPEN_STATES } }, { sort: { requestedAt: 1 }, limit: 200 })) found.set(r.ref, r);
  }
  return [...found.values()].sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
}

export interface TrackerRow {
  ref: string;
  caseRef: string;
  team: string;
  state: MoveState;
  urgency: string;
  requestedAt: string;
  proposedDate: string;
}

/** The move tracker (MOVE-8): requests in the manager's teams, open ones first, oldest first. */
export async function moveTracker(ctx: ServiceContext, person: Person, states?: MoveState[]): Promise<TrackerRow[]> {
  authorize(person, 'see the move tracker', {});
  const filter = {
    ...(person.teams.includes('*') ? {} : { team: { $in: person.teams } }),
    ...(states ? { state: { $in: states } } : {}),
  };
  const requests = await ctx.records.moveRequests.find(filter, { sort: { requestedAt: 1 }, limit: 500 });
  const order: MoveState[] = ['pending', 'info_requested', 'approved', 'completed', 'declined', 'withdrawn'];
  return requests
    .sort((a, b) => order.indexOf(a.state) - order.indexOf(b.state))
    .map((r) => ({ ref: r.ref, caseRef: r.caseRef, team: r.team, state: r.state, urgency: r.urgency, requestedAt: r.requestedAt, proposedDate: r.proposedDate }));
}
