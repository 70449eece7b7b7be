// END-2: after an unplanned ending, a Disruption Meeting is offered to the child's social worker.
// The bot's own record of an ending is a confirmed move; an urgent move (an immediate safeguarding
// issue, MOVE-3) is the unplanned kind, since otherwise placements end in a planned way (MOVE-11).
import { disruptionMeetingAdvice, isUnplannedEnding } from '../domain/meetings';
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
  return [{ key: `${request.ref}:disruption-offer`, recipient: { kind: 'person', personId: owner }, content: { kind: 'meeting-offer', moveRef: request.ref }, subjectRef: request.ref }];
}
