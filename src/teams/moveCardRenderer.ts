// Builds the card for a move request as a given reader should see it, from the stored state.
// Used both to answer a button press and by the sender when it posts or updates a copy.
import { canSeeChildDetails, type Person } from '../domain/people';
import type { FieldErrors } from '../domain/moves';
import type { ServiceContext } from '../services/context';
import { toChild } from '../services/people';
import type { MoveRequestDoc } from '../store/records';
import { moveRequestCard, type AdaptiveCard, type MoveCardView, type MoveCardOptions } from './cards';

export type { MoveCardView };

export async function renderMoveCard(
  ctx: ServiceContext,
  request: MoveRequestDoc,
  view: MoveCardView,
  reader: { person: Person | null; inChannel: boolean },
  extras: { notice?: MoveCardOptions['notice']; fieldErrors?: FieldErrors } = {},
): Promise<AdaptiveCard> {
  const childDoc = await ctx.records.children.get(request.caseRef);
  const child = childDoc ? toChild(childDoc) : null;
  const tasks = view === 'requester' ? await ctx.records.tasks.find({ requestRef: request.ref }, { sort: { dueDate: 1 } }) : [];
  return moveRequestCard({
    request,
    child,
    view,
    inChannel: reader.inChannel,
    showName: !reader.inChannel && !!reader.person && !!child && canSeeChildDetails(reader.person, child),
    tasks,
    notice: extras.notice,
    fieldErrors: extras.fieldErrors,
    now: ctx.now(),
  });
}
