// The words of the messages a move request sends, beyond its card. In a personal chat the child is
// named for people who may see the child's details ("PM-2026-0001 for Jamie Example (CR-1001)"); in
// a channel, and for anyone else, only the case reference. Dates are written as the cards write them.
import { formatDate } from '../domain/dates';
import { may } from '../domain/permissions';
import type { MoveRequestDoc } from '../store/records';
import type { ServiceContext } from './context';
import type { OutgoingMessage } from './outbox';
import { rosterPerson, toChild } from './people';

const personal = (personId: string) => ({ kind: 'person' as const, personId });

/** "Jamie Example (CR-1001)" for someone who may see the child's name, otherwise "CR-1001". */
export async function childLabelFor(ctx: ServiceContext, caseRef: string, personId: string): Promise<string> {
  const [childDoc, person] = await Promise.all([ctx.records.children.get(caseRef), rosterPerson(ctx, personId)]);
  if (!childDoc || !person || !may(person, "see the child's name", { child: toChild(childDoc) })) return caseRef;
  return `${childDoc.name} (${caseRef})`;
}

/** A one-off notice to a person about a request, headed "PM-… for <child> <what happened>". */
export async function requestNotice(
  ctx: ServiceContext,
  request: MoveRequestDoc,
  personId: string,
  key: string,
  happened: string,
  text: string,
  facts?: Array<{ title: string; value: string }>,
): Promise<OutgoingMessage> {
  const label = await childLabelFor(ctx, request.caseRef, personId);
  return {
    key,
    recipient: personal(personId),
    content: { kind: 'notice', title: `${request.ref} for ${label} ${happened}`, text, ref: request.ref, ...(facts ? { facts } : {}) },
    subjectRef: request.ref,
  };
}

/** The placements team's notice once a move is authorised (MOVE-2), with what MOVE-6 asks of the next placement. */
export function placementsTeamText(request: MoveRequestDoc): string {
  const decision = request.decision!;
  const allegation = request.followsAllegation
    ? ' The move follows an allegation against the carer: the next placement must be able to keep the child for months, not a week or two.'
    : '';
  return `${request.urgency === 'urgent' ? 'Urgent move' : 'Planned move'} for case ${request.caseRef}, proposed for ${formatDate(request.proposedDate)}. Approved by ${decision.byName}.${allegation} Contact ${request.requestedByName} for the placement request and risk assessment.`;
}
