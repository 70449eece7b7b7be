// END-2: after every unplanned ending, a Disruption Meeting is offered to the child's social worker.
// An ending is the bot's own confirmed move (an urgent move, MOVE-3, is the unplanned kind, since
// otherwise placements end in a planned way, MOVE-11) or an imported episode that ended with an
// unplanned reason (isUnplannedEnding).
import { addDays } from '../domain/dates';
import { disruptionMeetingAdvice, isUnplannedEnding } from '../domain/meetings';
import type { Episode } from '../domain/ssda903/episodes';
import type { MoveRequestDoc } from '../store/records';
import type { ServiceContext } from './context';
import type { OutgoingMessage } from './outbox';

/** The offer to queue when a confirmed move ended a placement without a plan; none otherwise. */
export async function disruptionMeetingOffer(ctx: ServiceContext, request: MoveRequestDoc): Promise<OutgoingMessage[]> {
  const ended = request.completion?.ended;
  if (!ended || !isUnplannedEnding({ kind: 'move', urgency: request.urgency })) return [];
  const advice = disruptionMeetingAdvice({ placementType: ended.placementType, endDate: request.completion!.date, unplanned: true });
  if (advice.advice === 'none') return [];
  const child = await ctx.records.children.get(request.caseRef);
  const owner = child?.socialWorker ?? request.requestedBy;
  return [
    { key: `${request.ref}:disruption-offer`, recipient: { kind: 'person', personId: owner }, content: { kind: 'meeting-offer', moveRef: request.ref }, subjectRef: request.ref },
  ];
}

/** Endings older than this when imported are history, not something to meet about now. */
export const IMPORTED_ENDING_OFFER_DAYS = 182;

/**
 * The offers to queue after an import: one per episode new to the store that ended without a plan
 * in the last six months, to the child's social worker. The key is the child and the episode, so
 * importing the same return again offers nothing twice.
 */
export async function disruptionOffersForImportedEndings(
  ctx: ServiceContext,
  changes: Array<{ child: string; before: Episode[]; after: Episode[] }>,
  today: string,
): Promise<OutgoingMessage[]> {
  const offers: OutgoingMessage[] = [];
  const since = addDays(today, -IMPORTED_ENDING_OFFER_DAYS);
  for (const change of changes) {
    const known = new Set(change.before.map((e) => `${e.decom}|${e.dec ?? ''}|${e.reasonPlaceChange ?? ''}`));
    for (const e of change.after) {
      if (!e.dec || e.dec < since || e.dec > today || known.has(`${e.decom}|${e.dec}|${e.reasonPlaceChange ?? ''}`)) continue;
      if (!isUnplannedEnding({ kind: 'episode', reasonPlaceChange: e.reasonPlaceChange })) continue;
      const child = await ctx.records.children.get(change.child);
      if (!child?.socialWorker) continue;
      offers.push({
        key: `${change.child}:${e.decom}:disruption-offer`,
        recipient: { kind: 'person', personId: child.socialWorker },
        content: {
          kind: 'episode-disruption-offer',
          caseRef: change.child,
          endedOn: e.dec,
          placementType: e.place ?? '',
          placementProvider: e.placeProvider ?? '',
          reason: e.reasonPlaceChange!.trim().toUpperCase(),
        },
        subjectRef: change.child,
      });
    }
  }
  return offers;
}
